import Foundation
import Synchronization

/// Calls a probe in a task of its own and races it against its timeout on the monitor's clock
/// and against the cancellation of the task that waits for it.
enum ProbeCall {
    /// The outcome of one call of `probe`. `onReturn` runs when the call returns, even if that is
    /// after its timeout, so the caller can tell when an abandoned call has finished.
    static func run(
        _ probe: MonitorProbe,
        clock: any MonitorClock,
        onReturn: @escaping @Sendable () -> Void
    ) async -> ProbeOutcome {
        let outcome = Settlement()
        let deadline = clock.now.addingTimeInterval(probe.timeout.seconds)
        let call = Task.detached {
            let result: ProbeOutcome
            do {
                result = .value(try await probe.measure())
            } catch {
                result = .failed(String(describing: error))
            }
            onReturn()
            outcome.settle(result)
        }
        let timer = Task.detached {
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            if outcome.settle(.timedOut(probe.timeout)) { call.cancel() }
        }
        let result = await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            if outcome.settle(.cancelled) { call.cancel() }
        }
        timer.cancel()
        return result
    }
}

/// The first outcome of several racers, handed to one waiter whether it starts waiting before
/// or after the race is decided.
private final class Settlement: Sendable {
    private enum State {
        case open
        case waiting(CheckedContinuation<ProbeOutcome, Never>)
        case settled(ProbeOutcome)
    }

    private let state = Mutex(State.open)

    /// Decides the race with `outcome` unless it is decided; returns whether this call decided it.
    @discardableResult
    func settle(_ outcome: ProbeOutcome) -> Bool {
        let waiter: CheckedContinuation<ProbeOutcome, Never>?? = state.withLock { state in
            switch state {
            case .open:
                state = .settled(outcome)
                return .some(nil)
            case .waiting(let continuation):
                state = .settled(outcome)
                return .some(continuation)
            case .settled:
                return nil
            }
        }
        guard let waiter else { return false }
        waiter?.resume(returning: outcome)
        return true
    }

    /// The outcome, once decided.
    func value() async -> ProbeOutcome {
        await withCheckedContinuation { continuation in
            let decided: ProbeOutcome? = state.withLock { state in
                if case .settled(let outcome) = state { return outcome }
                state = .waiting(continuation)
                return nil
            }
            if let decided { continuation.resume(returning: decided) }
        }
    }
}
