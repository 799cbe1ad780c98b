import Foundation

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

    static let baselinesOption = OptionSpec(name: "--baselines", valueName: "DIR", help: "Directory of baselines (default: \(RunOptions().baselinesDirectory)).")

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
            return try parseList(rest)
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

    /// The `--filter` patterns, compiled: the one place they are, so that a bad pattern is a
    /// usage error before anything runs.
    static func filters(_ parsed: ParsedArguments) throws(CommandLineError) -> FilterList {
        do {
            return try FilterList(parsed.values["--filter"] ?? [])
        } catch {
            throw .usage("--filter: \(error)")
        }
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

    static func httpURL(_ text: String, option: String) throws(CommandLineError) -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw .usage("\(option) expects an http or https URL such as http://127.0.0.1:9091, got '\(text)'")
        }
        return text
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
