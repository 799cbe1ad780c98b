import Foundation

/// The `bench` command line, as a library entry point, so that any package gets the same
/// command from a `main.swift` of a few lines:
///
/// ```swift
/// import Yardstick
///
/// await BenchCommand.main(suites: [parserSuite, encoderSuite])
/// ```
public enum BenchCommand {
    /// Runs the command line with the process's arguments, then exits the process with the
    /// command's ``ExitCode``, so that the status survives `swift run`.
    ///
    /// A debug build asked to measure first builds its package's release build and replaces
    /// itself with it (`--allow-debug` measures in debug): `swift run bench` builds debug, and
    /// debug timings compare with nothing.
    ///
    /// - Parameters:
    ///   - suites: Every registered suite.
    ///   - probes: Values `bench monitor` samples beside the benchmarks, such as a cache's hit
    ///     rate; their intervals are replaced by the command's `--interval`.
    ///   - thresholds: The probes' thresholds.
    public static func main(suites: [Suite], probes: [MonitorProbe] = [], thresholds: [Threshold] = []) async -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let handoff = ReleaseHandoff.current(arguments: arguments)
        if let failed = handoff.perform(handoff.decide(), with: LiveReleaseHandoffSystem(), console: .standard) {
            exit(failed.rawValue)
        }
        let code = await run(arguments: arguments, suites: suites, probes: probes, thresholds: thresholds)
        exit(code.rawValue)
    }

    /// Runs the command line with the given arguments and returns its exit code.
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the program's name.
    ///   - suites: Every registered suite.
    ///   - probes: Values `bench monitor` samples beside the benchmarks.
    ///   - thresholds: The probes' thresholds.
    ///   - console: Where output, progress and errors go.
    public static func run(
        arguments: [String],
        suites: [Suite],
        probes: [MonitorProbe] = [],
        thresholds: [Threshold] = [],
        console: Console = .standard
    ) async -> ExitCode {
        do throws(CommandLineError) {
            switch try CommandParser.parse(arguments) {
            case .help(let subcommand):
                console.output(subcommand.map(HelpText.subcommand) ?? HelpText.overview())
                return .success
            case .version:
                console.output("bench (\(ToolInfo.current.name)) \(ToolInfo.current.version)\n")
                return .success
            case .list(let options):
                try ListCommand(options: options, suites: suites).execute(console: console)
                return .success
            case .run(let options):
                return try await RunCommand(options: options, suites: suites).execute(console: console)
            case .updateBaseline(let options):
                return try await BaselineUpdateCommand(options: options, suites: suites).execute(console: console)
            case .compare(let options):
                return try CompareCommand(options: options).execute(console: console)
            case .history(let options):
                try HistoryCommand(options: options).execute(console: console)
                return .success
            case .ab(let options):
                return try await ABCommand(options: options, suites: suites).execute(console: console)
            case .merge(let options):
                return try await MergeCommand(options: options).execute(console: console)
            case .report(let options):
                return try ReportCommand(options: options).execute(console: console)
            case .monitor(let options):
                return try await MonitorCommand(options: options, suites: suites, probes: probes, probeThresholds: thresholds)
                    .execute(console: console)
            }
        } catch {
            console.error("bench: error: \(error)\n")
            return error.exitCode
        }
    }
}

/// Builds the run plan for `filters` and `overrides`, mapping definition errors to usage errors
/// and refusing a selection that is empty, so that a typo never yields a silent green run.
func makePlan(
    suites: [Suite],
    filters: FilterList,
    overrides: BenchmarkConfiguration = .init()
) throws(CommandLineError) -> RunPlan {
    let plan: RunPlan
    do {
        plan = try RunPlan(suites: suites, filters: filters.filters, overrides: overrides)
    } catch {
        throw .usage(error.description)
    }
    if plan.entries.isEmpty {
        if filters.isEmpty { throw .usage("no benchmarks are registered") }
        let quoted = filters.patterns.map { "'\($0)'" }.joined(separator: ", ")
        throw .usage("no benchmark matches --filter \(quoted) ('bench list' shows the names)")
    }
    return plan
}
