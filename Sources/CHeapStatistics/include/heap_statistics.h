#ifndef HEAP_STATISTICS_H
#define HEAP_STATISTICS_H

#include <stddef.h>

/// Bytes in live heap allocations, in the arenas and in mmapped blocks (glibc's mallinfo2():
/// uordblks + hblkhd); 0 where glibc is absent.
size_t heap_bytes_in_use(void);

/// Returns free heap memory at the top of the heap and in free chunks to the system
/// (glibc's malloc_trim(0)); does nothing where glibc is absent.
void heap_trim(void);

#endif
