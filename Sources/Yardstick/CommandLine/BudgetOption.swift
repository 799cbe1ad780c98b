/// `--budget NAME:METRIC<LIMIT`, for the commands that judge: `run`, `compare` and `ab`.
extension CommandParser {
    static let budgetOption = OptionSpec(
        name: "--budget", valueName: "RULE", isRepeatable: true,
        help: "Also hold the benchmarks NAME selects to a limit: NAME:METRIC<LIMIT, such as 'cache.get:p99<10ms' (repeatable)."
    )

    /// The rules of every `--budget`, in the order given.
    static func budgetRules(_ parsed: ParsedArguments) throws(CommandLineError) -> [BudgetRule] {
        var rules: [BudgetRule] = []
        for text in parsed.values["--budget"] ?? [] {
            do {
                rules.append(try BudgetRule(parsing: text))
            } catch {
                throw .usage("--budget '\(text)': \(error.description)")
            }
        }
        return rules
    }
}

/// Refuses a `--budget` that selects none of `names`, as a filter that matches nothing is
/// refused: a misspelt name must not pass as a budget met.
func requireBudgetsSelect(_ rules: [BudgetRule], among names: [String]) throws(CommandLineError) {
    if let rule = rules.first(where: { $0.selectedNames(among: names).isEmpty }) {
        throw .usage("--budget '\(rule.selector):…': '\(rule.selector)' selects no benchmark ('bench list' shows the names)")
    }
}
