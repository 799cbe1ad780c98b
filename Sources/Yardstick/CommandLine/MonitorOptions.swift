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

extension CommandParser {
    static let monitorOptions: [OptionSpec] = [
        filterOption,
        OptionSpec(name: "--interval", valueName: "DURATION", help: "Time between the starts of two samples of everything (default: \(Formatting.argument(MonitorOptions().interval)))."),
        OptionSpec(name: "--count", valueName: "N", help: "Take N samples of every probe, then stop (default: run until --duration, SIGINT or SIGTERM)."),
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

    static func parseMonitor(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: monitorOptions, command: "monitor")
        if parsed.has("--help") { return .help(subcommand: "monitor") }
        try rejectPositionals(parsed, command: "monitor")
        var options = MonitorOptions()
        options.filters = try filters(parsed)
        options.interval = try parsed.duration("--interval") ?? options.interval
        options.count = try parsed.integer("--count", in: 1...Int(Int32.max), "a whole number of at least 1")
        options.duration = try parsed.duration("--duration")
        options.baseline = try baselineChoice(parsed)
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
}
