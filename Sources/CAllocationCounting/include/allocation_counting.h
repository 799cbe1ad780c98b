#ifndef YARDSTICK_ALLOCATION_COUNTING_H
#define YARDSTICK_ALLOCATION_COUNTING_H

#include <stdbool.h>
#include <stdint.h>

/* Totals of one counting window, summed over every thread of the process. */
typedef struct {
    uint64_t allocations;     /* malloc, calloc, realloc that moved or created a block, the aligned forms */
    uint64_t frees;           /* free and realloc of a block it released */
    uint64_t allocated_bytes; /* usable bytes of every block allocated */
    uint64_t freed_bytes;     /* usable bytes of every block freed */
    int64_t peak_bytes;       /* the most allocated minus freed bytes at any moment of the window */
} yardstick_allocation_counts;

/* Whether this process's malloc and free are the interposed ones: false when the executable
   did not export them (a static link that bypassed them, or another allocator preloaded). */
bool yardstick_allocation_counting_is_active(void);

/* Starts a counting window: counters of every thread read from zero. Windows do not nest. */
void yardstick_allocation_counting_start(void);

/* Ends the window and returns its totals. */
yardstick_allocation_counts yardstick_allocation_counting_stop(void);

#endif
