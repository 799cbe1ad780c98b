/// The timed region: one clock read, `count` calls, one clock read. Nothing else happens
/// between the two reads: no allocation, no bookkeeping, no progress.
///
/// It is inlined into each benchmark's window function where the benchmark is defined, so the
/// loop calls the body directly; the calibration of the clock's overhead runs through the same
/// code with no calls.
@inlinable
@inline(__always)
func timeWindow(
    _ clock: any NanosecondClock,
    from firstIndex: Int,
    count: Int,
    calling call: (Int) throws -> Void
) rethrows -> UInt64 {
    let start = clock.now()
    var index = firstIndex
    let end = firstIndex &+ count
    while index < end {
        try call(index)
        index &+= 1
    }
    return clock.now() &- start
}

/// The asynchronous counterpart of ``timeWindow(_:from:count:calling:)``.
@inlinable
@inline(__always)
func timeWindow(
    _ clock: any NanosecondClock,
    from firstIndex: Int,
    count: Int,
    calling call: (Int) async throws -> Void
) async rethrows -> UInt64 {
    let start = clock.now()
    var index = firstIndex
    let end = firstIndex &+ count
    while index < end {
        try await call(index)
        index &+= 1
    }
    return clock.now() &- start
}
