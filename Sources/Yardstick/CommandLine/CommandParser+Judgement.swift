extension CommandParser {
    static let judgementOptions: [OptionSpec] = [
        OptionSpec(name: "--tolerance", valueName: "T", help: "Median tolerance for every benchmark: 8% or a duration (2us)."),
        OptionSpec(name: "--alpha", valueName: "A", help: "Significance level for every benchmark (default: \(Formatting.count(ResolvedConfiguration.defaultAlpha)))."),
        OptionSpec(name: "--strict", help: "Fail on noisy benchmarks too."),
        OptionSpec(name: "--allow-missing", help: "Do not fail on benchmarks in the baseline but not in the run."),
        OptionSpec(name: "--allow-foreign-baseline", help: "Judge against a baseline from another machine or build."),
        OptionSpec(name: "--allow-incomparable", help: "Do not fail on benchmarks that could not be compared."),
        budgetOption,
    ]

    static func judgement(_ parsed: ParsedArguments) throws(CommandLineError) -> JudgementOptions {
        var options = JudgementOptions()
        if let text = parsed.value("--tolerance") {
            guard let tolerance = Tolerance(text) else {
                throw .usage("--tolerance expects a percentage such as 8% or a duration such as 2us, got '\(text)'")
            }
            options.tolerance = tolerance
        }
        if let text = parsed.value("--alpha") {
            guard let alpha = Double(text), alpha > 0, alpha < 1 else {
                throw .usage("--alpha expects a number between 0 and 1 such as 0.01, got '\(text)'")
            }
            options.alpha = alpha
        }
        options.isStrict = parsed.has("--strict")
        options.allowsMissing = parsed.has("--allow-missing")
        options.allowsForeignBaseline = parsed.has("--allow-foreign-baseline")
        options.allowsIncomparable = parsed.has("--allow-incomparable")
        return options
    }
}
