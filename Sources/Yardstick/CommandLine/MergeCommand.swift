import Foundation

/// `bench merge DIR...`: join the results of the shards of one run (`--shard I/N`, each in its
/// own folder), judge them as that one run would have been judged, write every report, print
/// the verdicts, and exit as `bench run` or `bench ab` would have.
///
/// Shards of `bench ab` carry their base (`base.json`), and are judged base against head;
/// shards of `bench run` or `bench baseline update` are judged against the stored baseline.
/// Either way the judge sees each suite whole, so Holm's correction, which is per suite,
/// covers exactly what it covers in one run.
struct MergeCommand {
    let options: MergeOptions
    /// Where the PagerDuty routing key is read from.
    var environment = ProcessInfo.processInfo.environment

    func execute(console: Console) async throws(CommandLineError) -> ExitCode {
        let alerting = try RunAlerting(options.alerting, environment: environment)
        let judgedHeads = try options.shardDirectories.map { directory throws(CommandLineError) in try load(directory, "results.json") }
        let heads = judgedHeads.map(\.part)
        let withBase = options.shardDirectories.filter { FileManager.default.fileExists(atPath: baseURL(of: $0).path) }
        if !withBase.isEmpty, withBase.count != options.shardDirectories.count {
            let without = options.shardDirectories.first { !withBase.contains($0) }!
            throw .input(
                "\(baseURL(of: withBase[0]).relativePath) makes it a shard of 'bench ab', but \(without) has no \(ABCommand.baseFileName): "
                    + "shards of one run are all of 'bench ab' or none"
            )
        }
        let results = try merge(heads)
        warnAboutMachines(heads, console: console)
        let selection = try filters(of: heads)
        let baseline: (name: String, path: String, results: RunResults)?
        var history: [BaselineHistoryRecord] = []
        let judgement: RunJudgement
        if withBase.isEmpty {
            baseline = try options.baseline.load(from: options.baselinesDirectory).map { ($0.name, $0.path, $0.results) }
            if let baseline {
                history = BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory)).history(of: baseline.name)
            }
            judgement = Judge(options: options.judgement).judge(
                results, against: baseline?.results, baselineName: baseline?.name ?? "", selection: selection, history: history
            )
        } else {
            let bases = try options.shardDirectories.map { directory throws(CommandLineError) in try load(directory, ABCommand.baseFileName).part }
            let base = try merge(bases)
            baseline = (name: "base", path: "", results: base)
            judgement = try judgeSideBySide(results, against: base, heads: judgedHeads, selection: selection)
        }
        let output = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        do {
            if !withBase.isEmpty, let base = baseline?.results {
                try ResultsFile.write(base, to: output.appendingPathComponent(ABCommand.baseFileName))
            }
            try ReportWriter(directory: output).write(ReportInput(results: results, judgement: judgement, baseline: baseline?.results, history: history))
        } catch {
            throw .output(error.description)
        }
        console.output(
            "merged \(Formatting.counted(heads.count, "shard")) into \(output.appendingPathComponent("results.json").relativePath): "
                + "\(Formatting.counted(results.benchmarks.count, "benchmark"))\n"
        )
        if withBase.isEmpty { console.output(SummaryTable(results).render()) }
        console.output((withBase.isEmpty ? "\n" : "") + VerdictTable(judgement).render())
        if judgement.refusesForeignBaseline {
            let path = baseline.map { $0.path.isEmpty ? "the base" : $0.path } ?? "the baseline"
            console.error("bench: error: \(foreignBaselineMessage(judgement, path: path))\n")
        }
        await alerting.post(judgement, console: console)
        return ExitCode(judging: results, judgement: judgement)
    }

    /// The head judged against the base as one `bench ab` would judge them. The builds are
    /// described as the first shard recorded them; every shard ran its own process order, so
    /// the judgement says which seeds they were.
    private func judgeSideBySide(
        _ head: RunResults,
        against base: RunResults,
        heads: [(part: ShardMerge.Part, judgement: RunJudgement?)],
        selection: [NameFilter]
    ) throws(CommandLineError) -> RunJudgement {
        let recorded: [(shard: Int, context: ABContext)] = heads.compactMap { head in
            head.judgement?.ab.map { (head.part.results.shard?.index ?? 0, $0) }
        }
        let contexts = recorded.sorted { $0.shard < $1.shard }
        guard var context = contexts.first?.context else {
            throw .input("no shard's results.json records its builds (a judgement of 'bench ab'): were they written by 'bench ab --shard'?")
        }
        context.layoutShifts = []
        var judgement = ABJudge(options: options.judgement).judge(head, against: base, context: context, selection: selection)
        if contexts.count > 1 {
            let seeds = contexts.map { RunWarning.ShardSeed(shard: $0.shard, seed: $0.context.schedule.seed) }
            judgement.warnings.append(.mergedShards(shards: heads.count, seeds: seeds))
        }
        return judgement
    }

    private func merge(_ parts: [ShardMerge.Part]) throws(CommandLineError) -> RunResults {
        do {
            return try ShardMerge.merge(parts)
        } catch {
            throw .input(error.description)
        }
    }

    /// The filters the shards were selected with, so that the judge calls missing exactly the
    /// baseline benchmarks that one run would.
    private func filters(of parts: [ShardMerge.Part]) throws(CommandLineError) -> [NameFilter] {
        do {
            return try FilterList(parts.first?.results.shard?.filters ?? []).filters
        } catch {
            throw .input("\(parts[0].label): shard.filters: \(error)")
        }
    }

    /// Says when shards ran on different kinds of machine: each suite is still compared within
    /// one shard side by side, but against a stored baseline every shard must match it.
    private func warnAboutMachines(_ parts: [ShardMerge.Part], console: Console) {
        let measuring = parts.filter { !($0.results.shard?.benchmarks.isEmpty ?? true) }
        guard let first = measuring.first else { return }
        for other in measuring.dropFirst() {
            let blocking = EnvironmentDifference.between(first.results.environment, other.results.environment).filter(\.isBlocking)
            if !blocking.isEmpty {
                console.error(
                    "bench merge: note: \(other.label) ran in another environment than \(first.label) ("
                        + blocking.map(\.summary).joined(separator: "; ") + "); each suite was measured within one shard\n"
                )
            }
        }
    }

    private func baseURL(of directory: String) -> URL {
        URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(ABCommand.baseFileName)
    }

    /// The results in `file` of a shard's folder, with the judgement they were written with.
    private func load(_ directory: String, _ file: String) throws(CommandLineError) -> (part: ShardMerge.Part, judgement: RunJudgement?) {
        let url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .input("\(url.relativePath): no such file; is \(directory) a shard's output folder?")
        }
        do {
            let loaded = try ResultsFile.loadJudged(from: url)
            return ((url.relativePath, loaded.results), loaded.judgement)
        } catch {
            throw .input(error.description)
        }
    }
}
