/// Options of `bench list`.
struct ListOptions: Equatable {
    /// As for `run`.
    var filters = FilterList()
}

extension CommandParser {
    static let listOptions: [OptionSpec] = [filterOption, helpOption]

    static func parseList(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: listOptions, command: "list")
        if parsed.has("--help") { return .help(subcommand: "list") }
        try rejectPositionals(parsed, command: "list")
        return .list(ListOptions(filters: try filters(parsed)))
    }
}
