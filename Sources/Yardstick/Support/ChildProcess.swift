import Foundation
import Synchronization

/// A program run to completion in a child process: how it ended and what it wrote.
///
/// Both pipes are drained while the child runs, so a child that writes more than a pipe holds
/// (a compiler's log) cannot block on a full pipe.
struct ChildProcess {
    /// How the child ended.
    enum Termination: Sendable, Hashable, CustomStringConvertible {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal ended it.
        case killed(signal: Int32)

        /// How `process`, which has ended, ended.
        init(of process: Process) {
            self = process.terminationReason == .exit ? .exited(process.terminationStatus) : .killed(signal: process.terminationStatus)
        }

        /// Whether it exited with status 0.
        var isSuccess: Bool { self == .exited(0) }

        var description: String {
            switch self {
            case .exited(let status): "ended with exit code \(status)"
            case .killed(let signal): "was killed by signal \(signal)"
            }
        }
    }

    /// How the child ended.
    var termination: Termination
    /// Its standard output, or empty when it was not captured.
    var output: Data
    /// Its standard error.
    var error: Data
    /// Whether it was killed for running past the time it was given.
    var timedOut = false

    /// Its standard output as text, trailing white space removed.
    var outputText: String { String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The last non-empty line of its standard error: where command-line tools put the reason
    /// they failed.
    var lastErrorLine: String? {
        String(decoding: error, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init)
    }

    /// Runs `executable` with `arguments` and waits for it to end.
    ///
    /// - Parameters:
    ///   - directory: The child's working directory; this process's when `nil`.
    ///   - environment: Replaces the child's environment when given; it inherits this
    ///     process's otherwise.
    ///   - capturesOutput: Whether standard output is kept; it goes to `/dev/null` otherwise.
    ///   - timeout: How long it may run before it is killed (`SIGKILL`); no limit when `nil`.
    ///     Only the child is killed: a grandchild that keeps its pipes open still delays the end.
    /// - Throws: The error of `Process.run()` when the program cannot be started (no such
    ///   file, not executable).
    static func run(
        _ executable: URL,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        capturesOutput: Bool = true,
        timeout: Duration? = nil
    ) throws -> ChildProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = capturesOutput ? outputPipe : FileHandle.nullDevice
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = timeout.map { Watch(process.processIdentifier, after: $0) }
        let drained = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: drained) {
            errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        }
        let outputData = capturesOutput ? outputPipe.fileHandleForReading.readDataToEndOfFile() : Data()
        drained.wait()
        process.waitUntilExit()
        let timedOut = watchdog?.stop() ?? false
        return ChildProcess(termination: Termination(of: process), output: outputData, error: errorData, timedOut: timedOut)
    }

    /// Runs `executable` with its standard output and standard error both on this process's
    /// standard error, for a tool whose progress the user watches (a build), and waits for it.
    ///
    /// - Throws: The error of `Process.run()` when the program cannot be started.
    static func runShowingProgress(_ executable: URL, _ arguments: [String]) throws -> Termination {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Termination(of: process)
    }

    /// Kills a child that runs past its time, unless stopped first.
    private final class Watch: Sendable {
        private enum State { case armed, fired, stopped }
        private let state = Mutex(State.armed)

        init(_ pid: Int32, after timeout: Duration) {
            let (seconds, attoseconds) = timeout.components
            let delay = Double(seconds) + Double(attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                state.withLock { state in
                    guard state == .armed else { return }
                    state = .fired
                    kill(pid, SIGKILL)
                }
            }
        }

        /// Disarms the watch once the child has ended (its pid may be reused after), and says
        /// whether it had fired.
        func stop() -> Bool {
            state.withLock { state in
                defer { state = .stopped }
                return state == .fired
            }
        }
    }

    /// Runs a program found on `PATH`, such as `git` or `swift`.
    static func run(
        tool: String,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> ChildProcess {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, in: directory, environment: environment)
    }
}
