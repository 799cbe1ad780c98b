import Foundation

/// `bench run`: measure, judge against a baseline, write `results.json`, print the summary.
struct RunCommand {
    let options: RunOptions
    let suites: [Suite]
    /// Where the PagerDuty routing key is read from.
    var environment = ProcessInfo.processInfo.environment

    func execute(console: Console) async throws(CommandLineError) -> ExitCode {
        let selected = try makePlan(suites: suites, filters: options.measurement.filters, overrides: options.measurement.overrides)
        try requireBudgetsSelect(options.budgets, among: selected.entries.map(\.fullName))
        // Read the baseline before measuring, so a broken one costs seconds, not minutes.
        let baseline = try options.baseline.load(from: options.baselinesDirectory)
        let alerting = try RunAlerting(options.alerting, environment: environment)
        let priorPlans = try priorPlans(baseline: baseline?.results)
        let shard = ShardSelection(selected, shard: options.measurement.shard, filters: options.measurement.filters, baseline: baseline?.results)
        if let summary = shard.summary, !options.measurement.isQuiet { console.error("bench: \(summary)\n") }
        warnIfDebugBuild(console)
        // Added after measuring, so that the processes of a fan-out need not be told them.
        let results = try await measure(shard, options: options.measurement, priorPlans: priorPlans, console: console)
            .addingBudgets(options.budgets)
        let selection = shard.judgingSelection(options.measurement.filters)
        let history = baseline.map { BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory)).history(of: $0.name) } ?? []
        let judgement = Judge(options: options.judgement).judge(
            results, against: baseline?.results, baselineName: baseline?.name ?? "", selection: selection, history: history
        )
        do {
            try ReportWriter(directory: URL(fileURLWithPath: options.outputDirectory))
                .write(ReportInput(results: results, judgement: judgement, baseline: baseline?.results, history: history))
        } catch {
            throw .output(error.description)
        }
        console.output(SummaryTable(results).render())
        console.output("\n" + VerdictTable(judgement).render())
        if judgement.refusesForeignBaseline, let baseline {
            console.error("bench: error: \(foreignBaselineMessage(judgement, path: baseline.path))\n")
        }
        await alerting.post(judgement, console: console)
        warnIfDebugBuild(console)
        return ExitCode(judging: results, judgement: judgement)
    }

    /// The timing plans the run starts from: the file of `--timing-plans` (a process of a
    /// fan-out or of `bench ab`), else the baseline's, reused as they are, so that a benchmark
    /// near the batching threshold is timed the way its baseline was.
    func priorPlans(baseline: RunResults?) throws(CommandLineError) -> PriorTimingPlans? {
        if let path = options.timingPlansPath {
            do {
                return try PriorTimingPlans.load(from: URL(fileURLWithPath: path))
            } catch {
                throw .input("--timing-plans: \(error)")
            }
        }
        return baseline.map { PriorTimingPlans($0, rule: .reuse) }
    }
}

/// One line saying why a baseline was not judged against, and what to do.
func foreignBaselineMessage(_ judgement: RunJudgement, path: String) -> String {
    let differences = judgement.environmentDifferences.filter(\.isBlocking).map(\.summary).joined(separator: "; ")
    return "\(path) was recorded in another environment (\(differences)); "
        + "judge anyway with --allow-foreign-baseline, skip it with --no-baseline, or record one here with 'bench baseline update'"
}

extension ExitCode {
    /// The exit code of a run and its judgement (`nil` when it was not judged): 2 when the
    /// baseline was refused as foreign, 1 when a benchmark fails the gate or ended in an error,
    /// 0 otherwise.
    init(judging results: RunResults, judgement: RunJudgement?) {
        if judgement?.refusesForeignBaseline == true {
            self = .usageError
        } else if results.hasErrors || !(judgement?.failures.isEmpty ?? true) {
            self = .failure
        } else {
            self = .success
        }
    }
}
