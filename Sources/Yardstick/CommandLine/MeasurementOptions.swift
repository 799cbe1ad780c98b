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

extension CommandParser {
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
}
