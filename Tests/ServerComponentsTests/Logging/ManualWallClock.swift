import Synchronization
import ServerComponents

/// Calendar time that moves only when a test sets it.
final class ManualWallClock: WallClock {
    private let time: Mutex<Int64>

    /// Starts at `epochMilliseconds` (default 2026-11-23T18:20:05.123Z).
    init(epochMilliseconds: Int64 = 1_795_458_005_123) {
        time = Mutex(epochMilliseconds * 1_000_000)
    }

    func epochNanoseconds() -> Int64 { time.withLock { $0 } }

    func set(epochNanoseconds: Int64) {
        time.withLock { $0 = epochNanoseconds }
    }
}
