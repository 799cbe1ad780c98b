import Foundation

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

/// What to measure and how: shared by `run` and `baseline update`.
struct MeasurementOptions: Equatable {
    /// `--filter`: a benchmark runs when its full name matches any of them.
    var filters = FilterList()
    /// Configuration given on the command line; it overrides suites and benchmarks.
    var overrides = BenchmarkConfiguration()
    /// Raw samples kept per benchmark in results files.
    var sampleCap = BenchmarkResult.defaultSampleCap
    /// Separate processes to measure in, one after another, merged into one result.
    var processes = 1
    /// Whether progress is suppressed.
    var isQuiet = false
    /// Whether a debug build measures itself (`--allow-debug`) instead of handing over to its
    /// release build (``ReleaseHandoff``).
    var allowsDebugBuild = false
    /// The part of the selection to measure (`--shard I/N`); `nil` measures all of it.
    var shard: Shard?
}

/// Which baseline `run` judges against.
enum BaselineChoice: Equatable {
    /// `default`, when it exists.
    case automatic
    /// This one; it must exist.
    case named(String)
    /// None (`--no-baseline`).
    case none
}

/// Options of `bench run`.
struct RunOptions: Equatable {
    var measurement = MeasurementOptions()
    /// Where `results.json` is written.
    var outputDirectory = "reports"
    var baseline = BaselineChoice.automatic
    var baselinesDirectory = "baselines"
    var judgement = JudgementOptions()
    /// `--budget`: limits added to the benchmarks' own.
    var budgets: [BudgetRule] = []
    /// A file of timing plans to start from instead of the baseline's: how a process of a
    /// fan-out or of `bench ab` receives the plans of the processes before it (internal).
    var timingPlansPath: String?
    /// Where the failing benchmarks' alerts go.
    var alerting = AlertingOptions()
}

/// Options of `bench list`.
struct ListOptions: Equatable {
    /// As for `run`.
    var filters = FilterList()
}

/// Options of `bench history`.
struct HistoryOptions: Equatable {
    /// The baseline whose history is read.
    var name = BaselineStore.defaultName
    var baselinesDirectory = "baselines"
    /// As for `run`.
    var filters = FilterList()
}

/// Options of `bench baseline update`.
struct BaselineUpdateOptions: Equatable {
    /// Measured in five processes unless told otherwise, so the baseline shows how much each
    /// benchmark varies between processes.
    var measurement = MeasurementOptions(processes: 5)
    var name = BaselineStore.defaultName
    /// A results file to bless instead of measuring.
    var source: String?
    var allowsPartial = false
    var historyLimit = 100
    var baselinesDirectory = "baselines"
    /// Where a shard (`--shard`) writes its results: a shard is merged, then blessed with
    /// `--from`, and never updates the baseline itself.
    var outputDirectory = "reports"
    /// Where the alerts of what moved since the previous baseline go.
    var alerting = AlertingOptions()
}

/// Options of `bench compare`.
struct CompareOptions: Equatable {
    var baselinePath: String
    var currentPath: String
    /// Where the judged `results.json` and the reports go; `nil` writes nothing.
    var outputDirectory: String?
    var judgement = JudgementOptions()
    /// `--budget`: limits added to NEW's benchmarks' own.
    var budgets: [BudgetRule] = []
}

/// Options of `bench merge`.
struct MergeOptions: Equatable {
    /// The shards' output folders, each holding a `results.json` (and `base.json` for `ab`).
    var shardDirectories: [String]
    /// Where the merged `results.json` and the reports go.
    var outputDirectory = "reports"
    /// The baseline that shards of `bench run` are judged against; unused for `ab` shards,
    /// which carry their base.
    var baseline = BaselineChoice.automatic
    var baselinesDirectory = "baselines"
    var judgement = JudgementOptions()
    /// Where the failing benchmarks' alerts go.
    var alerting = AlertingOptions()
}

/// Options of `bench monitor`.
struct MonitorOptions: Equatable {
    /// Benchmarks to sample; the command's probes are sampled unless filtered out too.
    var filters = FilterList()
    /// Small counts, so that a sample costs milliseconds, not the seconds of a full run.
    var overrides = BenchmarkConfiguration(warmupIterations: 20, iterations: 200, rounds: 1)
    var interval: Duration = .seconds(30)
    /// Cycles to run; `nil` runs until ``duration`` or a signal.
    var count: Int?
    var duration: Duration?
    /// The baseline the benchmarks' thresholds come from; `nil` when none is given and
    /// `default` does not exist.
    var baseline = BaselineChoice.automatic
    var baselinesDirectory = "baselines"
    var thresholds = BaselineThresholds()
    var retention = MonitorRetention()
    /// A results file whose verdicts are ingested as alerts when the monitor starts.
    var ingest: String?
    var alerting = AlertingOptions()
    var pushgateway: String?
    var dashboardPath = "reports/dashboard.json"
    var metricsPath = "reports/monitor.prom"
    var isQuiet = false
    /// As ``MeasurementOptions/allowsDebugBuild``.
    var allowsDebugBuild = false
    /// Endpoints watched, series read from them, and bands given on the command line.
    var live = LiveMonitorOptions()

    /// Whether only endpoints are watched: some are given and no `--filter` selects
    /// benchmarks or the suite's probes, so nothing of this build is measured.
    var watchesOnlyEndpoints: Bool { live.hasTargets && filters.isEmpty }
}

/// Turns `bench`'s arguments into a ``Command``.
///
/// The first argument may name a subcommand (`run`, `list`, `baseline update`, `compare`, `ab`,
/// `report`, `monitor`, `help`); without one, `bench` means `bench run`.
enum CommandParser {
    static let subcommands = ["run", "list", "baseline", "compare", "ab", "merge", "report", "monitor", "history", "help"]

    static let helpOption = OptionSpec(name: "--help", short: "-h", help: "Show help for this command.")

    static let allowDebugOption = OptionSpec(
        name: "--allow-debug",
        help: "Measure in a debug build instead of building and running the release build (its timings compare with nothing)."
    )

    static let filterOption = OptionSpec(
        name: "--filter", short: "-f", valueName: "REGEX", isRepeatable: true,
        help: "Only benchmarks whose full name matches (repeatable; any match selects)."
    )

    static let shardOption = OptionSpec(
        name: "--shard", valueName: "I/N",
        help: "Measure only shard I of N: whole suites, balanced by the baseline's durations; join with 'bench merge'."
    )

    /// The measuring options, with the defaults of `defaults` (a command's own).
    static func measurementOptions(_ defaults: MeasurementOptions) -> [OptionSpec] {
        [
            filterOption,
            OptionSpec(name: "--iterations", valueName: "N", help: "Calls timed per round, for every benchmark."),
            OptionSpec(name: "--warmup", valueName: "N", help: "Calls run and discarded before each round."),
            OptionSpec(name: "--rounds", valueName: "N", help: "Rounds per benchmark; each gives one median."),
            OptionSpec(name: "--time-limit", valueName: "DURATION", help: "Longest one benchmark may take in all (30s, 2m)."),
            OptionSpec(name: "--processes", valueName: "N", help: "Measure in N processes one after another, merged (default: \(defaults.processes))."),
            OptionSpec(name: "--sample-cap", valueName: "N", help: "Raw samples kept per benchmark (default: \(defaults.sampleCap))."),
            shardOption,
            OptionSpec(name: "--quiet", short: "-q", help: "Print no progress on standard error."),
            allowDebugOption,
        ]
    }

    static let judgementOptions: [OptionSpec] = [
        OptionSpec(name: "--tolerance", valueName: "T", help: "Median tolerance for every benchmark: 8% or a duration (2us)."),
        OptionSpec(name: "--alpha", valueName: "A", help: "Significance level for every benchmark (default: \(Formatting.count(ResolvedConfiguration.defaultAlpha)))."),
        OptionSpec(name: "--strict", help: "Fail on noisy benchmarks too."),
        OptionSpec(name: "--allow-missing", help: "Do not fail on benchmarks in the baseline but not in the run."),
        OptionSpec(name: "--allow-foreign-baseline", help: "Judge against a baseline from another machine or build."),
        OptionSpec(name: "--allow-incomparable", help: "Do not fail on benchmarks that could not be compared."),
        budgetOption,
    ]

    static let baselinesOption = OptionSpec(name: "--baselines", valueName: "DIR", help: "Directory of baselines (default: \(RunOptions().baselinesDirectory)).")

    static let runOptions: [OptionSpec] = measurementOptions(RunOptions().measurement) + [
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for results.json (default: \(RunOptions().outputDirectory))."),
        OptionSpec(name: "--baseline", valueName: "NAME", help: "Judge against this baseline (default: '\(BaselineStore.defaultName)', if it exists)."),
        OptionSpec(name: "--no-baseline", help: "Do not judge against any baseline."),
        baselinesOption,
        timingPlansOption,
    ] + judgementOptions + alertingOptions + [helpOption]

    /// How a measuring process receives the timing plans it must reuse (see
    /// ``PriorTimingPlans``): written by the parent, never by people, so not in the help.
    static let timingPlansOption = OptionSpec(
        name: "--timing-plans", valueName: "FILE",
        help: "Internal: time benchmarks with these plans (JSON) instead of the baseline's.", isInternal: true
    )

    static let listOptions: [OptionSpec] = [filterOption, helpOption]

    static let historyOptions: [OptionSpec] = [filterOption, baselinesOption, helpOption]

    static let baselineUpdateOptions: [OptionSpec] = measurementOptions(BaselineUpdateOptions().measurement) + [
        OptionSpec(name: "--name", valueName: "NAME", help: "The baseline to update (default: \(BaselineUpdateOptions().name))."),
        OptionSpec(name: "--from", valueName: "FILE", help: "Bless this results file instead of measuring."),
        OptionSpec(name: "--allow-partial", help: "Keep the baseline's benchmarks that this run lacks."),
        OptionSpec(name: "--history-limit", valueName: "N", help: "History records kept (default: \(BaselineUpdateOptions().historyLimit))."),
        baselinesOption,
        OptionSpec(name: "--output", valueName: "DIR", help: "With --shard: directory for the shard's results.json (default: \(BaselineUpdateOptions().outputDirectory))."),
    ] + alertingOptions + [helpOption]

    static let mergeOptions: [OptionSpec] = [
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for the merged results.json and the reports (default: \(MergeOptions(shardDirectories: []).outputDirectory))."),
        OptionSpec(
            name: "--baseline", valueName: "NAME",
            help: "Judge shards of 'bench run' against this baseline (default: '\(BaselineStore.defaultName)', if it exists)."
        ),
        OptionSpec(name: "--no-baseline", help: "Do not judge against any baseline."),
        baselinesOption,
    ] + judgementOptions.filter { $0.name != "--budget" } + alertingOptions + [helpOption]

    static let compareOptions: [OptionSpec] = [
        OptionSpec(name: "--output", valueName: "DIR", help: "Write the judged results.json and every report here (default: write nothing)."),
    ] + judgementOptions + [helpOption]

    static let reportOptions: [OptionSpec] = [
        OptionSpec(name: "--from", valueName: "FILE", help: "The results file to render (required)."),
        OptionSpec(name: "--format", valueName: "LIST", help: "Comma-separated: md, html, junit, json, prom (default: all)."),
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for the files (default: \(ReportOptions(source: "").outputDirectory))."),
        baselinesOption,
        helpOption,
    ]

    static let monitorOptions: [OptionSpec] = [
        filterOption,
        OptionSpec(name: "--interval", valueName: "DURATION", help: "Time between the starts of two samples of everything (default: \(Formatting.argument(MonitorOptions().interval)))."),
        OptionSpec(name: "--count", valueName: "N", help: "Stop once every probe has N samples (default: run until --duration, SIGINT or SIGTERM)."),
        OptionSpec(name: "--duration", valueName: "DURATION", help: "Stop after this long (10m, 1h)."),
        OptionSpec(name: "--baseline", valueName: "NAME", help: "Derive benchmark thresholds from this baseline (default: '\(BaselineStore.defaultName)', if it exists)."),
        OptionSpec(name: "--no-baseline", help: "Give benchmarks no thresholds: record and show them only."),
        baselinesOption,
        OptionSpec(name: "--percentile", valueName: "P", help: "Percentile of the baseline's round medians the bands scale: p50 ... p999 (default: \(MonitorOptions().thresholds.percentile.rawValue))."),
        OptionSpec(
            name: "--warning-tolerances", valueName: "X",
            help: "Warning above (1 + X x tolerance) x the percentile (default: \(Formatting.count(MonitorOptions().thresholds.warningTolerances)))."
        ),
        OptionSpec(
            name: "--critical-tolerances", valueName: "X",
            help: "Critical above (1 + X x tolerance) x the percentile (default: \(Formatting.count(MonitorOptions().thresholds.criticalTolerances)))."
        ),
        OptionSpec(
            name: "--fire-after", valueName: "N",
            help: "Samples in a row outside a band that raise an alert (default: \(MonitorOptions().thresholds.hysteresis.fireAfter))."
        ),
        OptionSpec(
            name: "--resolve-after", valueName: "N",
            help: "Samples in a row back inside that resolve it (default: \(MonitorOptions().thresholds.hysteresis.resolveAfter))."
        ),
        OptionSpec(name: "--iterations", valueName: "N", help: "Calls timed per benchmark sample (default: \(MonitorOptions().overrides.iterations!))."),
        OptionSpec(name: "--warmup", valueName: "N", help: "Calls run and discarded before each sample (default: \(MonitorOptions().overrides.warmupIterations!))."),
        OptionSpec(
            name: "--retention", valueName: "DURATION",
            help: "Age of the oldest point each metric keeps (default: \(Formatting.argument(MonitorOptions().retention.maxAge)))."
        ),
        OptionSpec(name: "--max-points", valueName: "N", help: "Points each metric keeps at most (default: \(MonitorOptions().retention.maxPoints))."),
        OptionSpec(name: "--ingest", valueName: "FILE", help: "Raise alerts from the verdicts of this judged results file at start."),
    ] + alertingOptions + [
        OptionSpec(name: "--dashboard", valueName: "FILE", help: "Rewrite this JSON snapshot each sample (default: \(MonitorOptions().dashboardPath))."),
        OptionSpec(name: "--metrics", valueName: "FILE", help: "Rewrite this Prometheus text file each sample (default: \(MonitorOptions().metricsPath))."),
        OptionSpec(name: "--pushgateway", valueName: "URL", help: "Also PUT the metrics to this Prometheus Pushgateway."),
        OptionSpec(name: "--quiet", short: "-q", help: "Print no progress lines; alerts still go to standard error."),
        allowDebugOption,
    ] + LiveMonitorOptions.specs + [helpOption]

    static func parse(_ arguments: [String]) throws(CommandLineError) -> Command {
        guard let first = arguments.first else { return .run(RunOptions()) }
        if first.hasPrefix("-") {
            if arguments.contains("--version") {
                guard arguments == ["--version"] else { throw .usage("--version takes no other arguments") }
                return .version
            }
            return try parseRun(arguments[...], helpTopic: nil)
        }
        let rest = arguments.dropFirst()
        switch first {
        case "run":
            return try parseRun(rest, helpTopic: "run")
        case "list":
            let parsed = try ArgumentParser.parse(rest, options: listOptions, command: "list")
            if parsed.has("--help") { return .help(subcommand: "list") }
            try rejectPositionals(parsed, command: "list")
            return .list(ListOptions(filters: try filters(parsed)))
        case "baseline":
            return try parseBaseline(rest)
        case "compare":
            return try parseCompare(rest)
        case "report":
            return try parseReport(rest)
        case "monitor":
            return try parseMonitor(rest)
        case "history":
            return try parseHistory(rest)
        case "ab":
            return try parseAB(rest)
        case "merge":
            return try parseMerge(rest)
        case "help":
            guard rest.count <= 1 else { throw .usage("'bench help' takes at most one subcommand name") }
            if let topic = rest.first, !subcommands.contains(topic) {
                throw .usage(unknownSubcommand(topic))
            }
            return .help(subcommand: rest.first)
        default:
            throw .usage(unknownSubcommand(first))
        }
    }

    /// Parses `run`'s options; `helpTopic` is what `--help` shows (the overview for a bare `bench`).
    private static func parseRun(_ arguments: ArraySlice<String>, helpTopic: String?) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: runOptions, command: "run")
        if parsed.has("--help") { return .help(subcommand: helpTopic) }
        try rejectPositionals(parsed, command: "run")
        var options = RunOptions()
        options.measurement = try measurement(parsed, defaults: options.measurement)
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        options.judgement = try judgement(parsed)
        options.budgets = try budgetRules(parsed)
        options.timingPlansPath = try filePath(parsed, "--timing-plans")
        options.alerting = try alerting(parsed)
        if parsed.has("--no-baseline") {
            if parsed.value("--baseline") != nil { throw .usage("--baseline and --no-baseline exclude each other") }
            options.baseline = .none
        } else if let name = parsed.value("--baseline") {
            options.baseline = .named(name)
        }
        return .run(options)
    }

    private static func parseBaseline(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        guard let action = arguments.first else {
            throw .usage("'bench baseline' needs an action: update")
        }
        if action == "--help" || action == "-h" { return .help(subcommand: "baseline") }
        guard action == "update" else {
            throw .usage("unknown action '\(action)' for 'bench baseline' (expected: update)")
        }
        let parsed = try ArgumentParser.parse(arguments.dropFirst(), options: baselineUpdateOptions, command: "baseline update")
        if parsed.has("--help") { return .help(subcommand: "baseline") }
        try rejectPositionals(parsed, command: "baseline update")
        var options = BaselineUpdateOptions()
        options.measurement = try measurement(parsed, defaults: options.measurement)
        options.name = parsed.value("--name") ?? options.name
        options.source = parsed.value("--from")
        options.allowsPartial = parsed.has("--allow-partial")
        options.historyLimit = try parsed.integer("--history-limit", in: 1...1_000_000, "a whole number of at least 1") ?? options.historyLimit
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        options.alerting = try alerting(parsed)
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        if options.source != nil {
            let measuring = ["--filter", "--iterations", "--warmup", "--rounds", "--time-limit", "--processes", "--shard"]
            if let given = measuring.first(where: { parsed.values[$0] != nil }) {
                throw .usage("\(given) has no effect with --from, which blesses a results file without measuring")
            }
        }
        if parsed.value("--output") != nil, options.measurement.shard == nil {
            throw .usage("--output is where a shard writes its results; without --shard the results become the baseline")
        }
        return .updateBaseline(options)
    }

    private static func parseMerge(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: mergeOptions, command: "merge")
        if parsed.has("--help") { return .help(subcommand: "merge") }
        guard !parsed.positionals.isEmpty else {
            throw .usage("'bench merge' takes the shards' output folders: bench merge shard-1 shard-2 ...")
        }
        var options = MergeOptions(shardDirectories: parsed.positionals)
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        if parsed.has("--no-baseline") {
            if parsed.value("--baseline") != nil { throw .usage("--baseline and --no-baseline exclude each other") }
            options.baseline = .none
        } else if let name = parsed.value("--baseline") {
            options.baseline = .named(name)
        }
        options.judgement = try judgement(parsed)
        options.alerting = try alerting(parsed)
        return .merge(options)
    }

    private static func parseCompare(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: compareOptions, command: "compare")
        if parsed.has("--help") { return .help(subcommand: "compare") }
        guard parsed.positionals.count == 2 else {
            throw .usage("'bench compare' takes two results files, the baseline first: bench compare OLD.json NEW.json")
        }
        return .compare(CompareOptions(
            baselinePath: parsed.positionals[0],
            currentPath: parsed.positionals[1],
            outputDirectory: try directory(parsed, "--output"),
            judgement: try judgement(parsed),
            budgets: try budgetRules(parsed)
        ))
    }

    private static func parseHistory(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: historyOptions, command: "history")
        if parsed.has("--help") { return .help(subcommand: "history") }
        guard parsed.positionals.count <= 1 else {
            throw .usage("'bench history' takes at most one baseline name, got \(parsed.positionals.count): bench history [NAME]")
        }
        var options = HistoryOptions()
        options.name = parsed.positionals.first ?? options.name
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        options.filters = try filters(parsed)
        return .history(options)
    }

    private static func parseReport(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: reportOptions, command: "report")
        if parsed.has("--help") { return .help(subcommand: "report") }
        try rejectPositionals(parsed, command: "report")
        guard let source = parsed.value("--from") else {
            throw .usage("'bench report' needs --from FILE, the results file to render")
        }
        var options = ReportOptions(source: source)
        if let list = parsed.value("--format") {
            var formats: [ReportFormat] = []
            for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let format = ReportFormat(rawValue: name) else {
                    let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .usage("--format: unknown report format '\(name)' (expected some of: \(known))")
                }
                if !formats.contains(format) { formats.append(format) }
            }
            if formats.isEmpty { throw .usage("--format needs at least one format") }
            options.formats = formats
        }
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        return .report(options)
    }

    private static func parseMonitor(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: monitorOptions, command: "monitor")
        if parsed.has("--help") { return .help(subcommand: "monitor") }
        try rejectPositionals(parsed, command: "monitor")
        var options = MonitorOptions()
        options.filters = try filters(parsed)
        options.interval = try parsed.duration("--interval") ?? options.interval
        options.count = try parsed.integer("--count", in: 1...Int(Int32.max), "a whole number of at least 1")
        options.duration = try parsed.duration("--duration")
        if parsed.has("--no-baseline") {
            if parsed.value("--baseline") != nil { throw .usage("--baseline and --no-baseline exclude each other") }
            options.baseline = .none
        } else if let name = parsed.value("--baseline") {
            options.baseline = .named(name)
        }
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        if let text = parsed.value("--percentile") {
            guard let percentile = Percentile(rawValue: text) else {
                throw .usage("--percentile expects one of \(Percentile.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
            options.thresholds.percentile = percentile
        }
        options.thresholds.warningTolerances = try parsed.number("--warning-tolerances") ?? options.thresholds.warningTolerances
        options.thresholds.criticalTolerances = try parsed.number("--critical-tolerances") ?? options.thresholds.criticalTolerances
        guard options.thresholds.criticalTolerances >= options.thresholds.warningTolerances else {
            throw .usage("--critical-tolerances must be at least --warning-tolerances, or the critical band would sit inside the warning band")
        }
        options.thresholds.hysteresis = Hysteresis(
            fireAfter: try parsed.integer("--fire-after", in: 1...1_000_000, "a whole number of at least 1") ?? options.thresholds.hysteresis.fireAfter,
            resolveAfter: try parsed.integer("--resolve-after", in: 1...1_000_000, "a whole number of at least 1") ?? options.thresholds.hysteresis.resolveAfter
        )
        options.overrides.iterations = try parsed.integer("--iterations", in: 1...Int(Int32.max), "a whole number of at least 1") ?? options.overrides.iterations
        options.overrides.warmupIterations = try parsed.integer("--warmup", in: 0...Int(Int32.max), "a whole number of at least 0") ?? options.overrides.warmupIterations
        options.retention = MonitorRetention(
            maxAge: try parsed.duration("--retention") ?? options.retention.maxAge,
            maxPoints: try parsed.integer("--max-points", in: 1...100_000_000, "a whole number of at least 1") ?? options.retention.maxPoints
        )
        options.ingest = parsed.value("--ingest")
        options.alerting = try alerting(parsed)
        if let text = parsed.value("--pushgateway") { options.pushgateway = try httpURL(text, option: "--pushgateway") }
        options.dashboardPath = try filePath(parsed, "--dashboard") ?? options.dashboardPath
        options.metricsPath = try filePath(parsed, "--metrics") ?? options.metricsPath
        options.isQuiet = parsed.has("--quiet")
        options.allowsDebugBuild = parsed.has("--allow-debug")
        options.live = try LiveMonitorOptions(parsed)
        return .monitor(options)
    }

    static func httpURL(_ text: String, option: String) throws(CommandLineError) -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw .usage("\(option) expects an http or https URL such as http://127.0.0.1:9091, got '\(text)'")
        }
        return text
    }

    /// The measuring options given, the others as in `defaults` (the command's own).
    static func measurement(_ parsed: ParsedArguments, defaults: MeasurementOptions) throws(CommandLineError) -> MeasurementOptions {
        var options = defaults
        options.filters = try filters(parsed)
        options.overrides.iterations = try parsed.integer("--iterations", in: 1...Int(Int32.max), "a whole number of at least 1")
        options.overrides.warmupIterations = try parsed.integer("--warmup", in: 0...Int(Int32.max), "a whole number of at least 0")
        options.overrides.rounds = try parsed.integer("--rounds", in: 1...100_000, "a whole number from 1 to 100000")
        options.overrides.timeLimit = try parsed.duration("--time-limit")
        options.processes = try parsed.integer("--processes", in: 1...100, "a whole number from 1 to 100") ?? options.processes
        options.sampleCap = try parsed.integer("--sample-cap", in: 1...Int(Int32.max), "a whole number of at least 1")
            ?? options.sampleCap
        options.isQuiet = parsed.has("--quiet")
        options.allowsDebugBuild = parsed.has("--allow-debug")
        if let text = parsed.value("--shard") {
            guard let shard = Shard(parsing: text) else {
                throw .usage("--shard expects I/N with 1 <= I <= N, such as 2/4, got '\(text)'")
            }
            options.shard = shard
        }
        return options
    }

    /// The `--filter` patterns, compiled: the one place they are, so that a bad pattern is a
    /// usage error before anything runs.
    static func filters(_ parsed: ParsedArguments) throws(CommandLineError) -> FilterList {
        do {
            return try FilterList(parsed.values["--filter"] ?? [])
        } catch {
            throw .usage("--filter: \(error)")
        }
    }

    static func judgement(_ parsed: ParsedArguments) throws(CommandLineError) -> JudgementOptions {
        var options = JudgementOptions()
        if let text = parsed.value("--tolerance") {
            guard let tolerance = Tolerance(text) else {
                throw .usage("--tolerance expects a percentage such as 8% or a duration such as 2us, got '\(text)'")
            }
            options.tolerance = tolerance
        }
        if let text = parsed.value("--alpha") {
            guard let alpha = Double(text), alpha > 0, alpha < 1 else {
                throw .usage("--alpha expects a number between 0 and 1 such as 0.01, got '\(text)'")
            }
            options.alpha = alpha
        }
        options.isStrict = parsed.has("--strict")
        options.allowsMissing = parsed.has("--allow-missing")
        options.allowsForeignBaseline = parsed.has("--allow-foreign-baseline")
        options.allowsIncomparable = parsed.has("--allow-incomparable")
        return options
    }

    static func directory(_ parsed: ParsedArguments, _ option: String) throws(CommandLineError) -> String? {
        guard let value = parsed.value(option) else { return nil }
        if value.isEmpty { throw .usage("\(option) needs a directory, got an empty string") }
        return value
    }

    static func filePath(_ parsed: ParsedArguments, _ option: String) throws(CommandLineError) -> String? {
        guard let value = parsed.value(option) else { return nil }
        if value.isEmpty { throw .usage("\(option) needs a file, got an empty string") }
        return value
    }

    static func rejectPositionals(_ parsed: ParsedArguments, command: String) throws(CommandLineError) {
        if let extra = parsed.positionals.first {
            throw .usage("unexpected argument '\(extra)' for 'bench \(command)'")
        }
    }

    private static func unknownSubcommand(_ name: String) -> String {
        let message = "unknown subcommand '\(name)'"
        if let suggestion = ArgumentParser.closest(to: name, among: subcommands) {
            return message + " (did you mean '\(suggestion)'?)"
        }
        return message + " (expected one of: \(subcommands.joined(separator: ", ")))"
    }
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
