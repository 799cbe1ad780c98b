import CAllocationCounting

/// Counts allocations and bytes over a window of calls, through the
/// `CAllocationCounting` target that every executable linking Yardstick carries: its `malloc`
/// and `free` replace glibc's for the whole process and forward to them. Idle, they cost a
/// load and a branch per call; the timed rounds never open a window.
///
/// Windows do not nest, and the counts of a window include every thread's allocations while it
/// is open.
enum AllocationCounter {
    /// Whether the process's allocations go through the counting functions: false on platforms
    /// other than Linux with glibc, or where the executable's definitions were not the ones the
    /// loader bound.
    static let isAvailable: Bool = yardstick_allocation_counting_is_active()

    /// Opens a window.
    static func start() {
        yardstick_allocation_counting_start()
    }

    /// Closes the window opened by ``start()`` and returns its counts over `calls` calls.
    static func stop(calls: Int, process: Int) -> AllocationCounts {
        let totals = yardstick_allocation_counting_stop()
        return AllocationCounts(
            calls: calls,
            allocations: Int(clamping: totals.allocations),
            frees: Int(clamping: totals.frees),
            allocatedBytes: Int(clamping: totals.allocated_bytes),
            freedBytes: Int(clamping: totals.freed_bytes),
            peakBytes: Int(clamping: totals.peak_bytes),
            process: process
        )
    }
}
