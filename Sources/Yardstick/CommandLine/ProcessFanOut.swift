import Foundation

/// Measures in several processes, one after another: each a fresh run of this executable with
/// `run --no-baseline`, whose results are merged into one run with each round tagged by its
/// process. Speed levels that a process keeps for its whole life (measured: a memory-bound
/// benchmark at 10.8 µs in some processes, 21.5 µs in others) become visible only this way.
///
/// Processes run one at a time, never in parallel, so they do not disturb each other.
struct ProcessFanOut {
    let options: MeasurementOptions
    let console: Console

    func run() async throws(CommandLineError) -> RunResults {
        let executable = Self.currentExecutable()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-processes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var parts: [RunResults] = []
        let clock = MonotonicClock()
        for index in 0..<options.processes {
            let output = directory.appendingPathComponent("\(index)")
            if !options.isQuiet {
                console.error("bench: process \(index + 1)/\(options.processes): measuring\n")
            }
            let start = clock.now()
            let status = try launch(executable, arguments: childArguments(output: output.path))
            let resultsURL = output.appendingPathComponent("results.json")
            guard status.isNormalExit, status.code != ExitCode.usageError.rawValue,
                  FileManager.default.fileExists(atPath: resultsURL.path)
            else {
                throw .crashed(
                    "process \(index + 1) of \(options.processes) \(status.description) without writing results "
                        + "(its error, if any, is above); nothing was written"
                )
            }
            do {
                parts.append(try ResultsFile.load(from: resultsURL))
            } catch {
                throw .crashed("process \(index + 1) of \(options.processes) wrote unreadable results: \(error)")
            }
            if !options.isQuiet {
                let seconds = Double(clock.now() &- start) / 1e9
                console.error("bench: process \(index + 1)/\(options.processes) done in \(Formatting.elapsed(seconds: seconds))\n")
            }
        }
        return RunResults.merging(parts, sampleCap: options.sampleCap)
    }

    /// The arguments of one child: the same selection and configuration, no baseline, no
    /// progress, every sample kept so the merged statistics cover them all.
    func childArguments(output: String) -> [String] {
        var arguments = ["run", "--no-baseline", "--quiet", "--output", output, "--sample-cap", "\(Int32.max)"]
        // One argument each, so a pattern that starts with a dash is not read as an option.
        arguments += options.filters.map { "--filter=\($0)" }
        let overrides = options.overrides
        if let iterations = overrides.iterations { arguments += ["--iterations", "\(iterations)"] }
        if let warmup = overrides.warmupIterations { arguments += ["--warmup", "\(warmup)"] }
        if let rounds = overrides.rounds { arguments += ["--rounds", "\(rounds)"] }
        if let limit = overrides.timeLimit { arguments += ["--time-limit", "\(limit.nanoseconds)ns"] }
        return arguments
    }

    private struct Status: CustomStringConvertible {
        var isNormalExit: Bool
        var code: Int32

        var description: String {
            isNormalExit ? "ended with exit code \(code)" : "was killed by signal \(code)"
        }
    }

    private func launch(_ executable: URL, arguments: [String]) throws(CommandLineError) -> Status {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Only the parent writes reports: a child's partial report must not reach the step summary.
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "GITHUB_STEP_SUMMARY" }
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .input("cannot start \(executable.path) for a measuring process: \(describeFileError(error))")
        }
        process.waitUntilExit()
        return Status(isNormalExit: process.terminationReason == .exit, code: process.terminationStatus)
    }

    /// This executable's path, independent of how it was started (`swift run`, a relative path).
    static func currentExecutable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }
}
