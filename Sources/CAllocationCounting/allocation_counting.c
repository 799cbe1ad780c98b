/*
 * Counts the heap allocations of a window of calls, without LD_PRELOAD: this object file is
 * linked into every executable that uses Yardstick, and an executable's own definitions of
 * malloc and free come first in the dynamic loader's lookup, so every library in the process
 * (the Swift runtime, Foundation, libc itself) calls these. Each one forwards to glibc's
 * allocator through the `__libc_*` entry points, which need no dlsym: the loader's early
 * allocations, made before anything is initialised, go straight through.
 *
 * Idle (no window open), a call costs one relaxed load of `counting` and a predictable branch.
 * In a window, each thread adds to counters in its own static TLS block (initial-exec, so
 * reading it never allocates); a window's totals are the sum over every registered thread plus
 * what threads that have exited left behind. Only the heap in use (for the peak) is shared.
 *
 * Swift's retains and releases are not counted. The runtime's instrumentation hooks
 * (`_swift_retain` behind `_swift_enableSwizzlingOfAllocationAndRefCountingFunctions_forInstrumentsOnly`)
 * exist on Linux, but the adapter that calls the retain hook masks the spare bits off its
 * argument first: a small string's tagged bits, which Swift on Linux hands to swift_retain
 * expecting it to ignore them, become a plausible address that the default retain then
 * dereferences (a SIGSEGV in a Watchdog alarm's copy, Swift 6.3.1). Interposing swift_retain
 * itself would put a check on every retain of the timed rounds.
 */
#define _GNU_SOURCE
#include "allocation_counting.h"
#include <stdlib.h> /* defines __GLIBC__ on glibc */

#if defined(__GLIBC__) && defined(__linux__)

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

typedef struct thread_counters {
    /* Written only by the owning thread (load, add, store); read by the window's snapshot. */
    _Atomic uint64_t allocations, frees, allocated_bytes, freed_bytes;
    struct thread_counters *next;
    /* 0: not registered; 1: in the registry; 2: the thread is exiting. */
    int state;
} thread_counters;

static _Atomic int counting;
static __thread thread_counters this_thread __attribute__((tls_model("initial-exec")));

/* Threads that have counted something, and the totals of those that have exited. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static thread_counters *registry;
static thread_counters retired;
static pthread_key_t exit_key;
static int exit_key_created;

/* Allocated minus freed bytes since the window opened, and its highest value. */
static _Atomic int64_t in_use;
static _Atomic int64_t peak_in_use;

static size_t (*real_malloc_usable_size)(void *);

static size_t usable_size(void *pointer) {
    if (real_malloc_usable_size == NULL) {
        real_malloc_usable_size = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
    }
    return real_malloc_usable_size ? real_malloc_usable_size(pointer) : 0;
}

static void add(_Atomic uint64_t *counter, uint64_t amount, int shared) {
    if (shared) {
        atomic_fetch_add_explicit(counter, amount, memory_order_relaxed);
    } else {
        atomic_store_explicit(counter, atomic_load_explicit(counter, memory_order_relaxed) + amount, memory_order_relaxed);
    }
}

static void thread_exiting(void *value) {
    thread_counters *counters = value;
    pthread_mutex_lock(&registry_lock);
    for (thread_counters **link = &registry; *link != NULL; link = &(*link)->next) {
        if (*link == counters) {
            *link = counters->next;
            break;
        }
    }
    add(&retired.allocations, atomic_load(&counters->allocations), 1);
    add(&retired.frees, atomic_load(&counters->frees), 1);
    add(&retired.allocated_bytes, atomic_load(&counters->allocated_bytes), 1);
    add(&retired.freed_bytes, atomic_load(&counters->freed_bytes), 1);
    counters->state = 2;
    pthread_mutex_unlock(&registry_lock);
}

/* The calling thread's counters, registered on first use; the shared `retired` block once the
   thread is exiting, when its own block is about to go. */
static thread_counters *counters_of_this_thread(int *shared) {
    thread_counters *counters = &this_thread;
    if (counters->state == 1) {
        *shared = 0;
        return counters;
    }
    if (counters->state == 2 || !exit_key_created) {
        *shared = 1;
        return &retired;
    }
    /* Registered before pthread_setspecific, which may allocate and so come back here. */
    counters->state = 1;
    pthread_mutex_lock(&registry_lock);
    counters->next = registry;
    registry = counters;
    pthread_mutex_unlock(&registry_lock);
    pthread_setspecific(exit_key, counters);
    *shared = 0;
    return counters;
}

static void note_in_use(int64_t change) {
    int64_t now = atomic_fetch_add_explicit(&in_use, change, memory_order_relaxed) + change;
    int64_t peak = atomic_load_explicit(&peak_in_use, memory_order_relaxed);
    while (now > peak && !atomic_compare_exchange_weak_explicit(&peak_in_use, &peak, now, memory_order_relaxed, memory_order_relaxed)) {}
}

static void note_allocation(void *pointer) {
    if (pointer == NULL) return;
    size_t size = usable_size(pointer);
    int shared;
    thread_counters *counters = counters_of_this_thread(&shared);
    add(&counters->allocations, 1, shared);
    add(&counters->allocated_bytes, size, shared);
    note_in_use((int64_t)size);
}

static void note_free(void *pointer) {
    size_t size = usable_size(pointer);
    int shared;
    thread_counters *counters = counters_of_this_thread(&shared);
    add(&counters->frees, 1, shared);
    add(&counters->freed_bytes, size, shared);
    note_in_use(-(int64_t)size);
}

static inline int is_counting(void) {
    return __builtin_expect(atomic_load_explicit(&counting, memory_order_relaxed), 0);
}

/* Idle, each entry point checks first and tail-calls glibc's: a jump, no frame of its own. */

void *malloc(size_t size) {
    if (!is_counting()) __attribute__((musttail)) return __libc_malloc(size);
    void *pointer = __libc_malloc(size);
    note_allocation(pointer);
    return pointer;
}

void *calloc(size_t count, size_t size) {
    if (!is_counting()) __attribute__((musttail)) return __libc_calloc(count, size);
    void *pointer = __libc_calloc(count, size);
    note_allocation(pointer);
    return pointer;
}

/* A realloc that returns a block counts as one free and one allocation, even when the block
   grew in place: the bytes it holds changed, and the call was a trip through the allocator. */
void *realloc(void *pointer, size_t size) {
    if (!is_counting()) __attribute__((musttail)) return __libc_realloc(pointer, size);
    if (pointer == NULL) {
        void *created = __libc_realloc(NULL, size);
        note_allocation(created);
        return created;
    }
    size_t old_size = usable_size(pointer);
    void *moved = __libc_realloc(pointer, size);
    if (moved == NULL && size != 0) return NULL; /* failed: the old block is untouched */
    int shared;
    thread_counters *counters = counters_of_this_thread(&shared);
    add(&counters->frees, 1, shared);
    add(&counters->freed_bytes, old_size, shared);
    note_in_use(-(int64_t)old_size);
    note_allocation(moved);
    return moved;
}

void free(void *pointer) {
    if (!is_counting()) __attribute__((musttail)) return __libc_free(pointer);
    if (pointer != NULL) note_free(pointer);
    __libc_free(pointer);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment == 0 || alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    if (is_counting()) note_allocation(pointer);
    *result = pointer;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
    if (!is_counting()) __attribute__((musttail)) return __libc_memalign(alignment, size);
    void *pointer = __libc_memalign(alignment, size);
    note_allocation(pointer);
    return pointer;
}

void *memalign(size_t alignment, size_t size) {
    return aligned_alloc(alignment, size);
}

void *valloc(size_t size) {
    return aligned_alloc((size_t)sysconf(_SC_PAGESIZE), size);
}

void *pvalloc(size_t size) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return aligned_alloc(page, size == 0 ? page : (size + page - 1) / page * page);
}

size_t malloc_usable_size(void *pointer) {
    return usable_size(pointer);
}

/* MARK: Windows */

__attribute__((constructor)) static void prepare(void) {
    exit_key_created = pthread_key_create(&exit_key, thread_exiting) == 0;
    usable_size(NULL);
}

bool yardstick_allocation_counting_is_active(void) {
    return dlsym(RTLD_DEFAULT, "malloc") == (void *)&malloc && dlsym(RTLD_DEFAULT, "free") == (void *)&free
        && dlsym(RTLD_DEFAULT, "realloc") == (void *)&realloc && real_malloc_usable_size != NULL;
}

static yardstick_allocation_counts totals(void) {
    yardstick_allocation_counts sum = {0};
    pthread_mutex_lock(&registry_lock);
    for (thread_counters *counters = &retired; counters != NULL; counters = counters == &retired ? registry : counters->next) {
        sum.allocations += atomic_load_explicit(&counters->allocations, memory_order_relaxed);
        sum.frees += atomic_load_explicit(&counters->frees, memory_order_relaxed);
        sum.allocated_bytes += atomic_load_explicit(&counters->allocated_bytes, memory_order_relaxed);
        sum.freed_bytes += atomic_load_explicit(&counters->freed_bytes, memory_order_relaxed);
    }
    pthread_mutex_unlock(&registry_lock);
    return sum;
}

static yardstick_allocation_counts window_start;

void yardstick_allocation_counting_start(void) {
    window_start = totals();
    atomic_store(&in_use, 0);
    atomic_store(&peak_in_use, 0);
    atomic_store(&counting, 1);
}

yardstick_allocation_counts yardstick_allocation_counting_stop(void) {
    atomic_store(&counting, 0);
    yardstick_allocation_counts end = totals();
    yardstick_allocation_counts window = {
        .allocations = end.allocations - window_start.allocations,
        .frees = end.frees - window_start.frees,
        .allocated_bytes = end.allocated_bytes - window_start.allocated_bytes,
        .freed_bytes = end.freed_bytes - window_start.freed_bytes,
        .peak_bytes = atomic_load(&peak_in_use),
    };
    return window;
}

#else

bool yardstick_allocation_counting_is_active(void) { return false; }
void yardstick_allocation_counting_start(void) {}
yardstick_allocation_counts yardstick_allocation_counting_stop(void) {
    yardstick_allocation_counts none = {0};
    return none;
}

#endif
