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

extension CommandParser {
    static let baselineUpdateOptions: [OptionSpec] = measurementOptions(BaselineUpdateOptions().measurement) + [
        OptionSpec(name: "--name", valueName: "NAME", help: "The baseline to update (default: \(BaselineUpdateOptions().name))."),
        OptionSpec(name: "--from", valueName: "FILE", help: "Bless this results file instead of measuring."),
        OptionSpec(name: "--allow-partial", help: "Keep the baseline's benchmarks that this run lacks."),
        OptionSpec(name: "--history-limit", valueName: "N", help: "History records kept (default: \(BaselineUpdateOptions().historyLimit))."),
        baselinesOption,
        OptionSpec(name: "--output", valueName: "DIR", help: "With --shard: directory for the shard's results.json (default: \(BaselineUpdateOptions().outputDirectory))."),
    ] + alertingOptions + [helpOption]

    static func parseBaseline(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
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
}
