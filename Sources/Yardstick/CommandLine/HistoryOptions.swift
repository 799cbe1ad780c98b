/// Options of `bench history`.
struct HistoryOptions: Equatable {
    /// The baseline whose history is read.
    var name = BaselineStore.defaultName
    var baselinesDirectory = "baselines"
    /// As for `run`.
    var filters = FilterList()
}

extension CommandParser {
    static let historyOptions: [OptionSpec] = [filterOption, baselinesOption, helpOption]

    static func parseHistory(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
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
}
