import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts listening for requests to stop a long-running command: `onStop` runs once, at the
/// first; calling the returned function stops listening. Injected so that tests can ask for a
/// stop without sending the test process a signal.
typealias StopListener = (_ onStop: @escaping @Sendable () -> Void) -> (() -> Void)

/// Turns SIGINT and SIGTERM into a call of `onStop`, so that a long-running command can finish
/// its current step and write its final state. A second signal ends the process at once, by
/// that signal (the shell reports 128 + its number).
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    /// Starts handling the signals; `onStop` runs once, on a global queue.
    init(onStop: @escaping @Sendable () -> Void) {
        let received = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            // The default action would end the process before the handler could run.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if received.increment() == 1 {
                    onStop()
                } else {
                    // Die of the signal itself, as the shell expects, without running exit
                    // handlers while other threads write.
                    signal(number, SIG_DFL)
                    raise(number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Handles the signals until the returned function is called: a ``StopListener``.
    static func listen(onStop: @escaping @Sendable () -> Void) -> () -> Void {
        let signals = StopSignals(onStop: onStop)
        return { signals.cancel() }
    }

    /// Stops handling the signals and restores their default actions.
    func cancel() {
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
    }
}

private final class SignalCount: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock { value in
            value += 1
            return value
        }
    }
}
