#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of timestamps in nanoseconds.
///
/// The runner reads a wall clock around every timing window and a CPU clock around every
/// round. Tests inject clocks that advance by fixed amounts, so the runner's arithmetic can be
/// checked exactly.
public protocol NanosecondClock: Sendable {
    /// The current reading, in nanoseconds from an arbitrary origin.
    func now() -> UInt64
}

/// `CLOCK_MONOTONIC`: wall time that never jumps. One read costs about 25 ns on Linux x86_64.
public struct MonotonicClock: NanosecondClock {
    /// Creates the clock.
    public init() {}

    @inline(__always)
    public func now() -> UInt64 { read(CLOCK_MONOTONIC) }
}

/// `CLOCK_PROCESS_CPUTIME_ID`: CPU time consumed by every thread of this process.
///
/// A read is a system call on many virtual machines (250-330 ns measured), so the runner reads
/// it once per round, never per call.
public struct ProcessCPUClock: NanosecondClock {
    /// Creates the clock.
    public init() {}

    public func now() -> UInt64 { read(CLOCK_PROCESS_CPUTIME_ID) }
}

@inline(__always)
private func read(_ clock: clockid_t) -> UInt64 {
    var time = timespec()
    clock_gettime(clock, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
}
