import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process operations a ``ReleaseHandoff`` performs, so that tests replace them.
protocol ReleaseHandoffSystem {
    /// Runs a program with its standard output and standard error on this process's standard
    /// error, and waits for it.
    func runShowingProgress(_ executable: String, _ arguments: [String]) throws -> ChildProcess.Termination
    /// Runs a program and returns what it wrote.
    func runCapturingOutput(_ executable: String, _ arguments: [String]) throws -> ChildProcess
    /// Sets a variable in this process's environment, which the processes it starts inherit.
    func setEnvironment(_ name: String, to value: String)
    /// Replaces this process with `executable` run with `arguments` (after the program's name),
    /// in the same working directory and environment. Returns only when that fails, with the
    /// reason.
    func replaceProcess(with executable: String, arguments: [String]) -> String
}

/// The real operations: child processes, `setenv` and `execv`.
struct LiveReleaseHandoffSystem: ReleaseHandoffSystem {
    func runShowingProgress(_ executable: String, _ arguments: [String]) throws -> ChildProcess.Termination {
        try ChildProcess.runShowingProgress(URL(fileURLWithPath: executable), arguments)
    }

    func runCapturingOutput(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess.run(URL(fileURLWithPath: executable), arguments)
    }

    func setEnvironment(_ name: String, to value: String) {
        setenv(name, value, 1)
    }

    func replaceProcess(with executable: String, arguments: [String]) -> String {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        execv(executable, argv)
        return String(cString: strerror(errno))
    }
}
