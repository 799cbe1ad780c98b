import Synchronization
import Yardstick

/// Collects values from `@Sendable` closures, such as benchmark bodies, for later assertions.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) {
        storage.withLock { $0.append(value) }
    }

    var values: [Value] { storage.withLock { $0 } }
}

/// A console that keeps what was written.
final class CapturedConsole: Sendable {
    private let outputStorage = Mutex("")
    private let errorStorage = Mutex("")

    var output: String { outputStorage.withLock { $0 } }
    var error: String { errorStorage.withLock { $0 } }

    func console(isTerminal: Bool = false) -> Console {
        Console(
            output: { text in self.outputStorage.withLock { $0 += text } },
            error: { text in self.errorStorage.withLock { $0 += text } },
            errorIsTerminal: isTerminal
        )
    }
}

/// An error with a fixed description for throwing bodies.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
