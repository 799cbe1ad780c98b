#include "heap_statistics.h"
#include <stdlib.h>  /* defines __GLIBC__ on glibc */

#if defined(__GLIBC__)
#include <malloc.h>

size_t heap_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    /* Large blocks (a big dictionary's storage) are mmapped and counted apart from the arenas. */
    return info.uordblks + info.hblkhd;
}

void heap_trim(void) {
    malloc_trim(0);
}
#else
size_t heap_bytes_in_use(void) { return 0; }
void heap_trim(void) {}
#endif
