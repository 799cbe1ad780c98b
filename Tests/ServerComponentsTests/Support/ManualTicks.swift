import Synchronization
import ServerComponents

/// Time that moves only when a test moves it.
final class ManualTicks: TickSource {
    private let time: Mutex<UInt64>

    init(_ start: UInt64 = 1_000_000_000) {
        time = Mutex(start)
    }

    func nanoseconds() -> UInt64 { time.withLock { $0 } }

    func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        time.withLock { $0 += UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000) }
    }

    /// Moves time back, as a tick read before another thread's later one appears when it
    /// reaches a lock second.
    func rewind(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        time.withLock { $0 -= UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000) }
    }
}
