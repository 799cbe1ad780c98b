/// Options of `bench ab`.
struct ABOptions: Equatable {
    /// The base: a git revision to build, or an executable.
    enum Base: Equatable {
        case revision(String)
        case executable(String)
    }

    var base: Base
    /// An executable to use as the head instead of building the working tree.
    var headExecutable: String?
    /// The folder holding `Package.swift`.
    var packagePath = "."
    /// Processes per side, and the selection and configuration every process runs with.
    var measurement = MeasurementOptions(processes: ABOptions.defaultProcesses)
    /// Seeds the order of the processes; drawn at random when not given.
    var seed: UInt64?
    /// Where the reports go.
    var outputDirectory = "reports"
    var judgement = JudgementOptions()
    /// Where the failing benchmarks' alerts go.
    var alerting = AlertingOptions()
    /// `--budget`: limits added to the head's benchmarks' own.
    var budgets: [BudgetRule] = []

    /// Processes per side by default: on 48 processes of every suite on a shared 2-core VM,
    /// 12 per side with 20 rounds each gave at least 90% power against a 10% slowdown for 28
    /// of 31 benchmarks (`docs/ab-estimator-study.md`), and a run of every suite takes about
    /// two and a half minutes.
    static let defaultProcesses = 12
}

extension CommandParser {
    /// What `bench ab` does unless told otherwise; the base is a placeholder.
    private static let abDefaults = ABOptions(base: .revision("HEAD"))

    static let abOptions: [OptionSpec] = [
        OptionSpec(name: "--base-ref", valueName: "REV", help: "The base: this git revision, built in .build/yardstick-ab/ (cached by commit)."),
        OptionSpec(name: "--base-executable", valueName: "PATH", help: "The base: this bench executable, built elsewhere."),
        OptionSpec(name: "--head-executable", valueName: "PATH", help: "The head: this bench executable (default: build the working tree)."),
        OptionSpec(name: "--package-path", valueName: "DIR", help: "The package to build (default: the current directory)."),
        OptionSpec(
            name: "--processes", valueName: "N",
            help: "Processes per side, alternating in balanced blocks (default: \(abDefaults.measurement.processes))."
        ),
        OptionSpec(name: "--seed", valueName: "N", help: "Seed of the process order, to repeat a run (default: random, printed)."),
        filterOption,
        OptionSpec(name: "--iterations", valueName: "N", help: "Calls timed per round, for every benchmark."),
        OptionSpec(name: "--warmup", valueName: "N", help: "Calls run and discarded before each round."),
        OptionSpec(name: "--rounds", valueName: "N", help: "Rounds per benchmark and process."),
        OptionSpec(name: "--time-limit", valueName: "DURATION", help: "Longest one benchmark may take in one process (30s, 2m)."),
        OptionSpec(name: "--sample-cap", valueName: "N", help: "Raw samples kept per benchmark and side (default: \(abDefaults.measurement.sampleCap))."),
        shardOption,
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for the reports (default: \(abDefaults.outputDirectory))."),
    ] + judgementOptions.filter { $0.name != "--allow-foreign-baseline" } + alertingOptions + [
        OptionSpec(name: "--quiet", short: "-q", help: "Print no progress on standard error."),
        helpOption,
    ]

    static func parseAB(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: abOptions, command: "ab")
        if parsed.has("--help") { return .help(subcommand: "ab") }
        try rejectPositionals(parsed, command: "ab")
        let base: ABOptions.Base
        switch (try filePath(parsed, "--base-ref"), try filePath(parsed, "--base-executable")) {
        case (let revision?, nil): base = .revision(revision)
        case (nil, let path?): base = .executable(path)
        case (nil, nil): throw .usage("'bench ab' needs a base: --base-ref REV (such as origin/main) or --base-executable PATH")
        case (_?, _?): throw .usage("--base-ref and --base-executable exclude each other")
        }
        var options = ABOptions(base: base)
        options.headExecutable = try filePath(parsed, "--head-executable")
        options.packagePath = try directory(parsed, "--package-path") ?? options.packagePath
        options.measurement = try measurement(parsed, defaults: options.measurement)
        if options.measurement.processes < 2 {
            throw .usage("--processes expects at least 2 per side: the process is what bench ab compares")
        }
        if let text = parsed.value("--seed") {
            guard let seed = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
                throw .usage("--seed expects a whole number from 0 to \(UInt64.max), got '\(text)'")
            }
            options.seed = seed
        }
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.judgement = try judgement(parsed)
        options.alerting = try alerting(parsed)
        options.budgets = try budgetRules(parsed)
        return .ab(options)
    }
}
