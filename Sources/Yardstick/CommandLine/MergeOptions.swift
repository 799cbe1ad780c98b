/// Options of `bench merge`.
struct MergeOptions: Equatable {
    /// The shards' output folders, each holding a `results.json` (and `base.json` for `ab`).
    var shardDirectories: [String]
    /// Where the merged `results.json` and the reports go.
    var outputDirectory = "reports"
    /// The baseline that shards of `bench run` are judged against; unused for `ab` shards,
    /// which carry their base.
    var baseline = BaselineChoice.automatic
    var baselinesDirectory = "baselines"
    var judgement = JudgementOptions()
    /// Where the failing benchmarks' alerts go.
    var alerting = AlertingOptions()
}

extension CommandParser {
    static let mergeOptions: [OptionSpec] = [
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for the merged results.json and the reports (default: \(MergeOptions(shardDirectories: []).outputDirectory))."),
        OptionSpec(
            name: "--baseline", valueName: "NAME",
            help: "Judge shards of 'bench run' against this baseline (default: '\(BaselineStore.defaultName)', if it exists)."
        ),
        OptionSpec(name: "--no-baseline", help: "Do not judge against any baseline."),
        baselinesOption,
    ] + judgementOptions.filter { $0.name != "--budget" } + alertingOptions + [helpOption]

    static func parseMerge(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: mergeOptions, command: "merge")
        if parsed.has("--help") { return .help(subcommand: "merge") }
        guard !parsed.positionals.isEmpty else {
            throw .usage("'bench merge' takes the shards' output folders: bench merge shard-1 shard-2 ...")
        }
        var options = MergeOptions(shardDirectories: parsed.positionals)
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        options.baseline = try baselineChoice(parsed)
        options.judgement = try judgement(parsed)
        options.alerting = try alerting(parsed)
        return .merge(options)
    }
}
