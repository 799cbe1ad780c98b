#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Calendar time for log timestamps, injected so that tests can fix it.
///
/// Unlike ``TickSource`` this clock may jump (NTP corrections, a changed system time): a
/// timestamp says when something happened, not how long it took.
public protocol WallClock: Sendable {
    /// Nanoseconds since 1970-01-01T00:00:00Z, leap seconds not counted (Unix time).
    func epochNanoseconds() -> Int64
}

/// The system's calendar time, `clock_gettime(CLOCK_REALTIME)`: about 20-30 ns a read through
/// the vDSO on Linux, at nanosecond resolution.
public struct SystemWallClock: WallClock {
    /// Creates the clock.
    public init() {}

    public func epochNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
}
