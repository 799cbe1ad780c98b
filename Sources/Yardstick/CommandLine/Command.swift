/// What the user asked `bench` to do, parsed and validated, before anything runs.
enum Command: Equatable {
    /// Measure the selected benchmarks, judge them against a baseline, and report.
    case run(RunOptions)
    /// Print the registered suites and benchmarks.
    case list(ListOptions)
    /// Measure (or read a results file) and bless the results as a baseline.
    case updateBaseline(BaselineUpdateOptions)
    /// Judge one results file against another without measuring anything.
    case compare(CompareOptions)
    /// Render a saved run's reports again.
    case report(ReportOptions)
    /// Sample benchmarks and probes on an interval against thresholds, and raise alerts.
    case monitor(MonitorOptions)
    /// Measure a base and a head build side by side, in alternating processes, and judge the
    /// head against the base.
    case ab(ABOptions)
    /// Join the results of the shards of one run, judge them as one run, and report.
    case merge(MergeOptions)
    /// Print the trend of benchmarks over a baseline's recorded updates.
    case history(HistoryOptions)
    /// Print help for a subcommand, or the overview when `nil`.
    case help(subcommand: String?)
    /// Print the version.
    case version
}

extension Command {
    /// Whether the command measures benchmarks in this executable's own build: `run`,
    /// `monitor` unless it watches only endpoints, and `baseline update` unless it blesses a
    /// file (`--from`). `ab` measures
    /// release builds it makes itself; the other commands measure nothing.
    var measuresThisBuild: Bool {
        switch self {
        case .run: true
        case .monitor(let options): !options.watchesOnlyEndpoints
        case .updateBaseline(let options): options.source == nil
        case .list, .compare, .report, .ab, .merge, .history, .help, .version: false
        }
    }

    /// Whether `--allow-debug` was given.
    var allowsDebugBuild: Bool {
        switch self {
        case .run(let options): options.measurement.allowsDebugBuild
        case .updateBaseline(let options): options.measurement.allowsDebugBuild
        case .monitor(let options): options.allowsDebugBuild
        case .list, .compare, .report, .ab, .merge, .history, .help, .version: false
        }
    }
}
