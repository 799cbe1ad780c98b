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

extension CommandParser {
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

    /// Parses `run`'s options; `helpTopic` is what `--help` shows (the overview for a bare `bench`).
    static func parseRun(_ arguments: ArraySlice<String>, helpTopic: String?) throws(CommandLineError) -> Command {
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
        options.baseline = try baselineChoice(parsed)
        return .run(options)
    }
}
