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
        let heads = try options.shardDirectories.map { directory throws(CommandLineError) in try load(directory, "results.json") }
        let withBase = options.shardDirectories.filter { FileManager.default.fileExists(atPath: baseURL(of: $0).path) }
        if !withBase.isEmpty, withBase.count != options.shardDirectories.count {
            let without = options.shardDirectories.first { !withBase.contains($0) }!
            throw .input(
                "\(baseURL(of: withBase[0]).relativePath) makes it a shard of 'bench ab', but \(without) has no \(ABCommand.baseFileName): "
                    + "shards of one run are all of 'bench ab' or none"
            )
        }
        var results = try merge(heads)
        warnAboutMachines(heads, console: console)
        let selection = try filters(of: heads)
        let baseline: (name: String, path: String, results: RunResults)?
        var history: [BaselineHistoryRecord] = []
        if withBase.isEmpty {
            baseline = try options.baseline.load(from: options.baselinesDirectory).map { ($0.name, $0.path, $0.results) }
            if let baseline {
                history = BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory)).history(of: baseline.name)
            }
            results.judgement = Judge(options: options.judgement).judge(
                results, against: baseline?.results, baselineName: baseline?.name ?? "", selection: selection, history: history
            )
        } else {
            let bases = try options.shardDirectories.map { directory throws(CommandLineError) in try load(directory, ABCommand.baseFileName) }
            let base = try merge(bases)
            baseline = (name: "base", path: "", results: base)
            results.judgement = try judgeSideBySide(results, against: base, heads: heads, selection: selection)
        }
        let output = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        do {
            if !withBase.isEmpty, let base = baseline?.results {
                try ResultsFile.write(base, to: output.appendingPathComponent(ABCommand.baseFileName))
            }
            try ReportWriter(directory: output).write(ReportInput(results: results, baseline: baseline?.results, history: history))
        } catch {
            throw .output(error.description)
        }
        console.output(
            "merged \(Formatting.counted(heads.count, "shard")) into \(output.appendingPathComponent("results.json").relativePath): "
                + "\(Formatting.counted(results.benchmarks.count, "benchmark"))\n"
        )
        if withBase.isEmpty { console.output(SummaryTable(results).render()) }
        if let judgement = results.judgement {
            console.output((withBase.isEmpty ? "\n" : "") + VerdictTable(judgement).render())
            if judgement.refusesForeignBaseline {
                let path = baseline.map { $0.path.isEmpty ? "the base" : $0.path } ?? "the baseline"
                console.error("bench: error: \(foreignBaselineMessage(judgement, path: path))\n")
            }
        }
        await alerting.post(results.judgement, console: console)
        return ExitCode(judging: results)
    }

    /// The head judged against the base as one `bench ab` would judge them. The builds are
    /// described as the first shard recorded them; every shard ran its own process order, so
    /// the judgement says which seeds they were.
    private func judgeSideBySide(
        _ head: RunResults,
        against base: RunResults,
        heads: [ShardMerge.Part],
        selection: [NameFilter]
    ) throws(CommandLineError) -> RunJudgement {
        let contexts = heads.sorted { ($0.results.shard?.index ?? 0) < ($1.results.shard?.index ?? 0) }
            .compactMap { part in part.results.judgement?.ab.map { (part.results.shard?.index ?? 0, $0) } }
        guard var context = contexts.first?.1 else {
            throw .input("no shard's results.json records its builds (a judgement of 'bench ab'): were they written by 'bench ab --shard'?")
        }
        context.layoutShifts = []
        var judgement = ABJudge(options: options.judgement).judge(head, against: base, context: context, selection: selection)
        if contexts.count > 1 {
            let seeds = contexts.map { RunWarning.ShardSeed(shard: $0.0, seed: $0.1.schedule.seed) }
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

    private func load(_ directory: String, _ file: String) throws(CommandLineError) -> ShardMerge.Part {
        let url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .input("\(url.relativePath): no such file; is \(directory) a shard's output folder?")
        }
        do {
            return (url.relativePath, try ResultsFile.load(from: url))
        } catch {
            throw .input(error.description)
        }
    }
}
