import Foundation

extension ReleaseHandoff {
    /// The line a debug build prints before it builds its release build.
    static let announcement = "bench: this is a debug build; building and running the release build instead (--allow-debug measures in debug)"

    /// Carries out `decision`.
    ///
    /// - Returns: `nil` when the command is to run in this process; the exit code to end with
    ///   when the handover failed (2, after one line saying why and what to type). A handover
    ///   that succeeds does not return: the release build replaces this process, with the same
    ///   arguments and working directory, and its exit code is the command's.
    func perform(_ decision: Decision, with system: some ReleaseHandoffSystem, console: Console) -> ExitCode? {
        switch decision {
        case .proceed:
            return nil
        case .measureInDebug(let hint):
            if let hint { console.error(hint + "\n") }
            system.setEnvironment(Self.guardVariable, to: "1")
            return nil
        case .handOver(let build):
            console.error(Self.announcement + "\n")
            let built: ChildProcess.Termination
            do {
                built = try system.runShowingProgress(build.swift, build.buildArguments)
            } catch {
                return failure("cannot run \(build.swift): \(describeFileError(error))", console)
            }
            guard built.isSuccess else {
                return failure("the release build failed (swift build \(built); its errors are above)", console)
            }
            let binPath: ChildProcess
            do {
                binPath = try system.runCapturingOutput(build.swift, build.binPathArguments)
            } catch {
                return failure("cannot run \(build.swift): \(describeFileError(error))", console)
            }
            guard binPath.termination.isSuccess, let directory = binPath.outputText.split(whereSeparator: \.isNewline).last else {
                return failure("swift build --show-bin-path \(binPath.termination) without naming the release build's directory", console)
            }
            let executable = (String(directory) as NSString).appendingPathComponent(build.product)
            guard fileExists(executable) else {
                return failure("the release build is not where swift build says it is: \(executable) does not exist", console)
            }
            system.setEnvironment(Self.guardVariable, to: "1")
            let reason = system.replaceProcess(with: executable, arguments: build.arguments)
            return failure("cannot run the release build \(executable): \(reason)", console)
        }
    }

    /// Says what failed and how to measure anyway, in one line, and returns exit code 2.
    private func failure(_ message: String, _ console: Console) -> ExitCode {
        console.error("bench: error: \(message); to measure this debug build instead, type: \(debugCommand)\n")
        return .usageError
    }
}
