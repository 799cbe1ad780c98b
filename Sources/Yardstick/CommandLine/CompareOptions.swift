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

extension CommandParser {
    static let compareOptions: [OptionSpec] = [
        OptionSpec(name: "--output", valueName: "DIR", help: "Write the judged results.json and every report here (default: write nothing)."),
    ] + judgementOptions + [helpOption]

    static func parseCompare(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
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
}
