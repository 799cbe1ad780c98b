import Foundation

/// One measuring run of a bench executable in a process of its own, read back from the results
/// file it writes.
///
/// The child is driven only through `run --no-baseline --quiet --output DIR`, an interface every
/// bench executable has had since results files existed, so a side-by-side comparison can
/// measure an older build of a package, or a downstream package's own executable. Timing plans
/// decided before it (``priorPlans``) go through the internal option `--timing-plans FILE`,
/// which only executables that ``acceptsTimingPlans(_:)`` are given.
public struct MeasuringProcess: Sendable {
    /// The bench executable.
    public var executable: URL
    /// The selection, as `--filter` patterns; empty selects every benchmark.
    public var filters: [String]
    /// Configuration that overrides every benchmark's (`--iterations`, `--rounds`, ...).
    public var overrides: BenchmarkConfiguration
    /// Raw samples the child keeps per benchmark.
    public var sampleCap: Int
    /// The timing plans the child starts from (see ``PriorTimingPlans``); every benchmark whose
    /// timing is automatic has a batch-size trial when `nil`.
    public var priorPlans: PriorTimingPlans?

    /// A measuring run of `executable`. By default the child keeps every raw sample, so that
    /// statistics over merged processes cover all of them.
    public init(
        executable: URL,
        filters: [String] = [],
        overrides: BenchmarkConfiguration = .init(),
        sampleCap: Int = Int(Int32.max),
        priorPlans: PriorTimingPlans? = nil
    ) {
        self.executable = executable
        self.filters = filters
        self.overrides = overrides
        self.sampleCap = sampleCap
        self.priorPlans = priorPlans
    }

    /// The file in the output folder that carries ``priorPlans`` to the child.
    public static let timingPlansFileName = "timing-plans.json"

    /// The child's arguments: the selection and configuration, no baseline, no progress, and
    /// the timing plans' file when there are plans.
    public func arguments(output: URL) -> [String] {
        var arguments = ["run", "--no-baseline", "--quiet", "--output", output.path, "--sample-cap", "\(sampleCap)"]
        // One argument each, so a pattern that starts with a dash is not read as an option.
        arguments += filters.map { "--filter=\($0)" }
        if let iterations = overrides.iterations { arguments += ["--iterations", "\(iterations)"] }
        if let warmup = overrides.warmupIterations { arguments += ["--warmup", "\(warmup)"] }
        if let rounds = overrides.rounds { arguments += ["--rounds", "\(rounds)"] }
        if let limit = overrides.timeLimit { arguments += ["--time-limit", "\(limit.nanoseconds)ns"] }
        if priorPlans != nil {
            arguments += ["--timing-plans", output.appendingPathComponent(Self.timingPlansFileName).path]
        }
        return arguments
    }

    /// The child's arguments, with the timing plans' file they name written into `output`.
    func prepareArguments(output: URL) throws(MeasuringProcessError) -> [String] {
        if let priorPlans {
            do {
                try priorPlans.write(to: output.appendingPathComponent(Self.timingPlansFileName))
            } catch {
                throw .cannotStart(executable: executable.path, reason: error.description)
            }
        }
        return arguments(output: output)
    }

    /// Whether `executable` takes `--timing-plans`: a bench executable built before it existed
    /// refuses it as an unknown option (exit code 2), one that knows it shows its help.
    public static func acceptsTimingPlans(_ executable: URL, timeout: Duration = .seconds(30)) -> Bool {
        let answer = try? ChildProcess.run(executable, ["run", "--timing-plans", timingPlansFileName, "--help"], timeout: timeout)
        return answer?.termination.isSuccess == true
    }

    /// Runs the child, writing into `output`, and returns its results.
    ///
    /// The child inherits this process's environment, less `GITHUB_STEP_SUMMARY`: only the
    /// parent reports, so a child's partial report must not reach a workflow's summary.
    ///
    /// - Throws: ``MeasuringProcessError``: the child could not start, refused its arguments
    ///   (exit code 2, with its own one-line reason), ended without results (a crash, a hang
    ///   the watchdog ended), or wrote a results file this library cannot read.
    public func run(output: URL) throws(MeasuringProcessError) -> RunResults {
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "GITHUB_STEP_SUMMARY" }
        let arguments = try prepareArguments(output: output)
        let child: ChildProcess
        do {
            child = try ChildProcess.run(executable, arguments, environment: environment, capturesOutput: false)
        } catch {
            throw .cannotStart(executable: executable.path, reason: describeFileError(error))
        }
        let resultsURL = output.appendingPathComponent("results.json")
        if child.termination == .exited(ExitCode.usageError.rawValue) {
            throw .refused(executable: executable.path, reason: child.lastErrorLine.map(Self.withoutPrefix) ?? "no reason given")
        }
        guard FileManager.default.fileExists(atPath: resultsURL.path) else {
            throw .noResults(executable: executable.path, ending: child.termination.description, lastError: child.lastErrorLine)
        }
        do {
            return try ResultsFile.load(from: resultsURL)
        } catch {
            throw .unreadableResults(executable: executable.path, reason: error.description)
        }
    }

    /// A bench error line without its `bench: error: ` prefix, which the parent adds again.
    private static func withoutPrefix(_ line: String) -> String {
        guard let range = line.range(of: "error: ") else { return line }
        return String(line[range.upperBound...])
    }
}

/// A measuring process did not deliver results.
public enum MeasuringProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The executable could not be started.
    case cannotStart(executable: String, reason: String)
    /// It exited with code 2: it does not accept the arguments (too old, or not a bench
    /// executable), or the selection matches none of its benchmarks.
    case refused(executable: String, reason: String)
    /// It ended without writing results: it crashed, or its watchdog ended a hung benchmark.
    /// `ending` says how ("was killed by signal 11").
    case noResults(executable: String, ending: String, lastError: String?)
    /// It wrote a results file that cannot be read, such as one of another schema version.
    case unreadableResults(executable: String, reason: String)

    /// What happened, as a predicate: the caller names the process ("process 2 of 5 \(error)").
    public var description: String {
        switch self {
        case .cannotStart(_, let reason):
            "could not be started (\(reason))"
        case .refused(_, let reason):
            "refused to measure: \(reason)"
        case .noResults(_, let ending, let lastError):
            "\(ending) without writing results" + (lastError.map { " (its last words: \($0))" } ?? "")
        case .unreadableResults(_, let reason):
            "wrote results this bench cannot read: \(reason)"
        }
    }

    /// Whether the executable cannot measure at all (exit code 2), as opposed to a benchmark
    /// that crashed in it (exit code 1, like any benchmark error).
    public var isInputError: Bool {
        switch self {
        case .cannotStart, .refused, .unreadableResults: true
        case .noResults: false
        }
    }
}

extension MeasuringProcess {
    /// This executable's path, independent of how it was started (`swift run`, a relative path).
    public static func currentExecutable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }
}
