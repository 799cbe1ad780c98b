import Foundation

/// `bench baseline update`: measure in several processes (or read `--from`), bless the results
/// as a baseline, and say what moved since the previous one.
struct BaselineUpdateCommand {
    let options: BaselineUpdateOptions
    let suites: [Suite]
    /// Where the PagerDuty routing key is read from.
    var environment = ProcessInfo.processInfo.environment

    func execute(console: Console) async throws(CommandLineError) -> ExitCode {
        let store = BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory), historyLimit: options.historyLimit)
        do {
            try BaselineStore.validate(name: options.name)
        } catch {
            throw .usage(error.description)
        }
        let alerting = try RunAlerting(options.alerting, environment: environment)
        // Read the current baseline first: if it is invalid, the update would be refused after
        // measuring, and a nightly run would be wasted.
        let previous: RunResults?
        do {
            previous = try store.load(options.name)
        } catch {
            throw .input(error.description)
        }
        let results: RunResults
        if let source = options.source {
            do {
                results = try ResultsFile.load(from: URL(fileURLWithPath: source))
            } catch {
                throw .input(error.description)
            }
            if let shard = results.shard {
                throw .input(
                    "\(source) is shard \(shard.index)/\(shard.count) of a run, not a whole run: join the shards with "
                        + "'bench merge DIR... --no-baseline --output DIR' and bless DIR/results.json"
                )
            }
        } else {
            let plan = try makePlan(suites: suites, filters: options.measurement.filters, overrides: options.measurement.overrides)
            // Refuse before measuring: a debug build's baseline would be refused anyway.
            if BuildConfiguration.current == .debug {
                throw .input(BaselineError.debugBuild(options.name).description)
            }
            let shard = ShardSelection(plan, shard: options.measurement.shard, filters: options.measurement.filters, baseline: previous)
            if let summary = shard.summary, !options.measurement.isQuiet { console.error("bench: \(summary)\n") }
            // Its timing plans are kept unless a call moved clearly across the threshold, so
            // that the speed of the machine tonight does not flip a benchmark's timing mode.
            results = try await measure(
                shard, options: options.measurement,
                priorPlans: previous.map { PriorTimingPlans($0, rule: .keepWithinBand) }, console: console
            )
            if let record = shard.record {
                return try writeShard(results, record: record, console: console)
            }
        }
        let update: BaselineUpdate
        do {
            update = try store.update(options.name, with: results, allowPartial: options.allowsPartial) {
                console.error("bench: waiting for another update of baseline '\(options.name)' to finish\n")
            }
        } catch {
            throw .input(error.description)
        }
        console.output(
            "baseline '\(update.name)' updated: \(store.url(for: update.name).relativePath), "
                + "\(Formatting.counted(update.blessed.benchmarks.count, "benchmark")), "
                + "\(Formatting.counted(update.blessed.processes, "process"))\n"
        )
        if let problem = update.historyProblem {
            console.error("bench: warning: \(problem)\n")
        }
        if let previous = update.previous {
            let moved = Judge().judge(update.blessed, against: previous, baselineName: "previous '\(update.name)'")
            console.output("\nsince the previous baseline:\n" + VerdictTable(moved).render())
            await alerting.post(moved, console: console)
        } else {
            console.output("this is the first baseline named '\(update.name)'\n")
        }
        return .success
    }

    /// Writes a shard's results for `bench merge`, leaving the baseline alone: a baseline is
    /// blessed whole, from the merged file (`--from`), or it would mix nights.
    private func writeShard(_ results: RunResults, record: ShardRecord, console: Console) throws(CommandLineError) -> ExitCode {
        let url = URL(fileURLWithPath: options.outputDirectory, isDirectory: true).appendingPathComponent("results.json")
        do {
            try ResultsFile.write(results, to: url)
        } catch {
            throw .output(error.description)
        }
        console.output(
            "shard \(record.index)/\(record.count) of baseline '\(options.name)' measured: \(url.relativePath), "
                + "\(Formatting.counted(results.benchmarks.count, "benchmark")); the baseline is unchanged until the merged "
                + "shards are blessed ('bench merge DIR... --no-baseline --output DIR', then 'bench baseline update --from DIR/results.json')\n"
        )
        if results.hasErrors {
            let failed = results.benchmarks.filter { $0.failure != nil }.map(\.name).joined(separator: ", ")
            console.error("bench: error: \(failed) ended in an error; a baseline with errors would be refused\n")
            return .failure
        }
        return .success
    }
}
