import Synchronization
import Yardstick

/// A clock that moves only when read or advanced: every read costs `readCost` nanoseconds, and
/// a benchmark body advances it by the time it pretends to take. Runner arithmetic can then be
/// checked exactly.
final class ManualClock: NanosecondClock {
    private let time: Mutex<UInt64>
    let readCost: UInt64

    init(start: UInt64 = 1_000_000, readCost: UInt64 = 0) {
        time = Mutex(start)
        self.readCost = readCost
    }

    func now() -> UInt64 {
        time.withLock { time in
            time += readCost
            return time
        }
    }

    func advance(by nanoseconds: UInt64) {
        time.withLock { $0 += nanoseconds }
    }

    /// The current time, without the cost of a read.
    var current: UInt64 { time.withLock { $0 } }
}
