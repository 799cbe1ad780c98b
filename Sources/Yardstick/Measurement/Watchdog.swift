import Foundation
import Synchronization

/// Ends the process when a benchmark's call does not return within its time limit.
///
/// The runner checks time limits between timing windows, so a slow benchmark stops cleanly
/// with an error result. A call that never returns cannot be interrupted in-process: Swift has
/// no safe way to stop a thread. The watchdog is the last resort for that case: a background
/// thread that, once the armed deadline plus a grace period has passed, reports which benchmark
/// hung and in which phase, then calls its handler, which by default ends the process with exit
/// code 1, so that a hang is never mistaken for a pass.
///
/// The grace period is half the benchmark's time limit, at least one second, so that a call that
/// is merely slow returns and is stopped by the runner's own check instead.
public final class Watchdog: Sendable {
    /// What is being guarded and until when.
    public struct Alarm: Sendable, Hashable {
        /// The benchmark's full name.
        public var benchmark: String
        /// What it was doing: `set-up`, `round 3`, `tear-down`.
        public var phase: String
        /// Monotonic nanoseconds by which its time limit ran out.
        public var deadline: UInt64
        /// The limit, for the message.
        public var timeLimit: Duration

        /// How long past the deadline the watchdog waits: half the time limit, at least 1 s.
        public var grace: Duration { max(.seconds(1), timeLimit / 2) }
    }

    private let clock: any NanosecondClock
    private let alarm = Mutex<Alarm?>(nil)
    private let onExpiry: @Sendable (Alarm) -> Void

    /// Starts the watchdog's thread.
    ///
    /// - Parameters:
    ///   - pollInterval: How often the thread looks; its wake-ups cost microseconds. With `nil`
    ///     no thread is started and ``check()`` must be called by the owner.
    ///   - clock: The clock deadlines are read on.
    ///   - onExpiry: Called on the watchdog's thread when an alarm expires. The default writes
    ///     one line to standard error and exits with code 1.
    public init(
        pollInterval: Duration? = .milliseconds(250),
        clock: some NanosecondClock = MonotonicClock(),
        onExpiry: @escaping @Sendable (Alarm) -> Void = Watchdog.endProcess
    ) {
        self.clock = clock
        self.onExpiry = onExpiry
        guard let pollInterval else { return }
        let interval = TimeInterval(pollInterval.nanoseconds) / 1e9
        Thread.detachNewThread { [weak self] in
            // The strong reference lives only for one check, so the thread ends once the
            // watchdog is released.
            while Self.check(self) {
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }

    private static func check(_ watchdog: Watchdog?) -> Bool {
        guard let watchdog else { return false }
        watchdog.check()
        return true
    }

    /// Guards a phase that must end by `deadline` (monotonic nanoseconds).
    public func arm(benchmark: String, phase: String, deadline: UInt64, timeLimit: Duration) {
        alarm.withLock { $0 = Alarm(benchmark: benchmark, phase: phase, deadline: deadline, timeLimit: timeLimit) }
    }

    /// Ends the guard set by ``arm(benchmark:phase:deadline:timeLimit:)``.
    public func disarm() {
        alarm.withLock { $0 = nil }
    }

    /// Looks at the clock once, firing the handler if the armed deadline and grace have passed.
    public func check() {
        let now = clock.now()
        let expired: Alarm? = alarm.withLock { current in
            guard let armed = current, now > armed.deadline.addingSaturating(armed.grace.unsignedNanoseconds) else {
                return nil
            }
            current = nil
            return armed
        }
        if let expired { onExpiry(expired) }
    }

    /// The default handler: one line on standard error, then exit code 1.
    public static let endProcess: @Sendable (Alarm) -> Void = { alarm in
        let line = "bench: error: \(alarm.benchmark) did not return from its \(alarm.phase) within its time limit "
            + "of \(Formatting.duration(alarm.timeLimit)) plus \(Formatting.duration(alarm.grace)) grace; a call that never returns cannot be interrupted, "
            + "so the run stops here (exit code 1)\n"
        FileHandle.standardError.write(Data(line.utf8))
        exit(1)
    }
}
