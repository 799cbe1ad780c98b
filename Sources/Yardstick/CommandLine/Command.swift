/// What the user asked `bench` to do, parsed and validated, before anything runs.
enum Command: Equatable {
    /// Measure the selected benchmarks and report.
    case run(RunOptions)
    /// Print the registered suites and benchmarks.
    case list(ListOptions)
    /// Print help for a subcommand, or the overview when `nil`.
    case help(subcommand: String?)
    /// Print the version.
    case version
}

/// Options of `bench run`.
struct RunOptions: Equatable {
    /// Regular expressions; a benchmark runs when its full name matches any of them.
    var filters: [String] = []
    /// Configuration given on the command line; it overrides suites and benchmarks.
    var overrides = BenchmarkConfiguration()
    /// Where `results.json` is written.
    var outputDirectory = "reports"
    /// Whether progress is suppressed.
    var isQuiet = false
    /// Raw samples kept per benchmark in `results.json`.
    var sampleCap = BenchmarkResult.defaultSampleCap
}

/// Options of `bench list`.
struct ListOptions: Equatable {
    /// As for `run`.
    var filters: [String] = []
}

/// Turns `bench`'s arguments into a ``Command``.
///
/// The first argument may name a subcommand (`run`, `list`, `help`); without one, `bench` means
/// `bench run`.
enum CommandParser {
    static let subcommands = ["run", "list", "help"]

    static let helpOption = OptionSpec(name: "--help", short: "-h", help: "Show help for this command.")

    static let filterOption = OptionSpec(
        name: "--filter", short: "-f", valueName: "REGEX", isRepeatable: true,
        help: "Run only benchmarks whose full name matches (repeatable; any match selects)."
    )

    static let runOptions: [OptionSpec] = [
        filterOption,
        OptionSpec(name: "--iterations", valueName: "N", help: "Calls timed per round, for every benchmark."),
        OptionSpec(name: "--warmup", valueName: "N", help: "Calls run and discarded before each round."),
        OptionSpec(name: "--rounds", valueName: "N", help: "Rounds per benchmark; each gives one median."),
        OptionSpec(name: "--time-limit", valueName: "DURATION", help: "Longest one benchmark may take in all (30s, 2m)."),
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for results.json (default: reports)."),
        OptionSpec(name: "--sample-cap", valueName: "N", help: "Raw samples kept per benchmark in results.json (default: 1000)."),
        OptionSpec(name: "--quiet", short: "-q", help: "Print no progress on standard error."),
        helpOption,
    ]

    static let listOptions: [OptionSpec] = [filterOption, helpOption]

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
            return .list(ListOptions(filters: parsed.values["--filter"] ?? []))
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
        options.filters = parsed.values["--filter"] ?? []
        options.overrides.iterations = try parsed.integer("--iterations", in: 1...Int(Int32.max), "a whole number of at least 1")
        options.overrides.warmupIterations = try parsed.integer("--warmup", in: 0...Int(Int32.max), "a whole number of at least 0")
        options.overrides.rounds = try parsed.integer("--rounds", in: 1...100_000, "a whole number from 1 to 100000")
        options.overrides.timeLimit = try parsed.duration("--time-limit")
        options.outputDirectory = parsed.value("--output") ?? options.outputDirectory
        if options.outputDirectory.isEmpty { throw .usage("--output needs a directory, got an empty string") }
        options.sampleCap = try parsed.integer("--sample-cap", in: 1...10_000_000, "a whole number of at least 1")
            ?? options.sampleCap
        options.isQuiet = parsed.has("--quiet")
        return .run(options)
    }

    private static func rejectPositionals(_ parsed: ParsedArguments, command: String) throws(CommandLineError) {
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
