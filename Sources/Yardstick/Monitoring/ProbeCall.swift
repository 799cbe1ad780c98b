import Foundation
import Synchronization

/// Calls a probe in a task of its own and races it against its timeout on the monitor's clock.
enum ProbeCall {
    /// The outcome of one call of `probe`. `onReturn` runs when the call returns, even if that is
    /// after its timeout, so the caller can tell when an abandoned call has finished.
    static func run(
        _ probe: MonitorProbe,
        clock: any MonitorClock,
        onReturn: @escaping @Sendable () -> Void
    ) async -> ProbeOutcome {
        let settled = Mutex(false)
        // Exactly one of the call and the timer resumes the continuation.
        let claim: @Sendable () -> Bool = {
            settled.withLock { done in
                defer { done = true }
                return !done
            }
        }
        let deadline = clock.now.addingTimeInterval(probe.timeout.seconds)
        var call: Task<Void, Never>?
        var timer: Task<Void, Never>?
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<ProbeOutcome, Never>) in
            let work = Task.detached {
                let outcome: ProbeOutcome
                do {
                    outcome = .value(try await probe.measure())
                } catch {
                    outcome = .failed(String(describing: error))
                }
                onReturn()
                if claim() { continuation.resume(returning: outcome) }
            }
            call = work
            timer = Task.detached {
                do {
                    try await clock.sleep(until: deadline)
                } catch {
                    return
                }
                if claim() {
                    work.cancel()
                    continuation.resume(returning: .timedOut(probe.timeout))
                }
            }
        }
        timer?.cancel()
        _ = call
        return outcome
    }
}
