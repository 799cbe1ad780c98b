import Foundation

/// `bench ab`: build the base and the head (unless given), measure them in alternating
/// processes, judge the head against the base, write the reports, print the verdicts.
struct ABCommand {
    let options: ABOptions
    /// This executable's suites: what a shard (`--shard`) splits. Both builds then measure the
    /// shard's benchmarks by name.
    var suites: [Suite] = []
    /// Where the PagerDuty routing key is read from.
    var environment = ProcessInfo.processInfo.environment

    func execute(console: Console) async throws(CommandLineError) -> ExitCode {
        let alerting = try RunAlerting(options.alerting, environment: environment)
        let log = { (line: String) in if !options.measurement.isQuiet { console.error("bench ab: \(line)\n") } }
        let builder = ABBuilder(
            packageDirectory: URL(fileURLWithPath: options.packagePath, isDirectory: true),
            product: MeasuringProcess.currentExecutable().lastPathComponent
        )
        let shard = try shardSelection()
        if let summary = shard?.summary { log(summary) }
        if let shard, shard.plan.entries.isEmpty {
            return try writeEmptyShard(shard, console: console)
        }
        let base: ABBuild
        let head: ABBuild
        do throws(ABBuildError) {
            switch options.base {
            case .revision(let revision): base = try builder.build(revision: revision, log: log)
            case .executable(let path): base = ABBuild(executable: URL(fileURLWithPath: path))
            }
            if let path = options.headExecutable {
                head = ABBuild(executable: URL(fileURLWithPath: path))
            } else {
                head = try builder.buildWorkingTree(log: log)
            }
        } catch {
            throw .input(error.description)
        }
        let schedule = ABSchedule(processesPerSide: options.measurement.processes, seed: options.seed ?? UInt64.random(in: 0...UInt64.max))
        log(
            "\(schedule.sides.count) processes, \(schedule.processesPerSide) per side, in balanced blocks "
                + "(seed \(schedule.seed): --seed \(schedule.seed) repeats this order)"
        )
        let runner = ABRunner(
            base: base, head: head, schedule: schedule, filters: (shard?.processFilters(options.measurement.filters) ?? options.measurement.filters).patterns,
            overrides: options.measurement.overrides, sampleCap: options.measurement.sampleCap
        )
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-ab-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let measurement: ABMeasurement
        do {
            measurement = try runner.run(in: scratch) { event in
                if case .finished(let index, let count, let side, let seconds, let remaining) = event {
                    var line = "process \(index + 1)/\(count) (\(side.rawValue)) done in \(Formatting.elapsed(seconds: seconds))"
                    if index + 1 < count { line += "; about \(Formatting.elapsed(seconds: remaining)) left" }
                    log(line)
                }
            }
        } catch {
            throw error.isInputError ? .input(error.description) : .crashed(error.description)
        }
        let context = ABContext(
            base: ABBuildSummary(description: base.description, commit: base.commit, processes: schedule.processesPerSide, isLayoutControlled: base.isLayoutControlled),
            head: ABBuildSummary(description: head.description, commit: head.commit, processes: schedule.processesPerSide, isLayoutControlled: head.isLayoutControlled),
            schedule: schedule
        )
        var results = measurement.head
        var baseResults = measurement.base
        results.shard = shard?.record
        baseResults.shard = shard?.record
        try requireBudgetsSelect(options.budgets, among: results.benchmarks.map(\.name))
        results = results.addingBudgets(options.budgets)
        let judgement = ABJudge(options: options.judgement).judge(
            results, against: baseResults, context: context, selection: shard?.judgingSelection(options.measurement.filters) ?? options.measurement.filters.filters
        )
        let output = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        do {
            try ResultsFile.write(baseResults, to: output.appendingPathComponent(ABCommand.baseFileName))
            try ReportWriter(directory: output).write(ReportInput(results: results, judgement: judgement, baseline: measurement.base))
        } catch {
            throw .output(error.description)
        }
        console.output(VerdictTable(judgement).render())
        if judgement.refusesForeignBaseline {
            console.error("bench: error: the base and head differ in what blocks comparing them; nothing was judged\n")
        }
        await alerting.post(judgement, console: console)
        return ExitCode(judging: results, judgement: judgement)
    }

    /// The file beside `results.json` that holds the base's merged processes.
    static let baseFileName = "base.json"

    /// The shard of this executable's selection to measure; `nil` without `--shard`, when the
    /// builds select with the user's filters themselves. Suites are weighed by the durations in
    /// the package's default baseline, when it has one: every job of a matrix checks out the
    /// same one.
    private func shardSelection() throws(CommandLineError) -> ShardSelection? {
        guard let shard = options.measurement.shard else { return nil }
        let plan = try makePlan(suites: suites, filters: options.measurement.filters, overrides: options.measurement.overrides)
        let baselines = URL(fileURLWithPath: options.packagePath, isDirectory: true).appendingPathComponent("baselines")
        // A baseline that cannot be read only costs the balance: every shard reads the same one.
        let baseline = try? BaselineStore(directory: baselines).load(BaselineStore.defaultName)
        return ShardSelection(plan, shard: shard, filters: options.measurement.filters, baseline: baseline ?? nil)
    }

    /// A shard given no suites (more shards than suites) measures nothing, and writes results
    /// and a base with no benchmarks, so that `bench merge` finds every shard.
    private func writeEmptyShard(_ shard: ShardSelection, console: Console) throws(CommandLineError) -> ExitCode {
        let now = Date()
        var empty = RunResults(
            measurement: RunMeasurement(startedAt: now, finishedAt: now, clockCalibration: ClockCalibration(overheadNanoseconds: 0), benchmarks: []),
            environment: .current()
        )
        empty.processes = options.measurement.processes
        empty.shard = shard.record
        let output = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        do {
            try ResultsFile.write(empty, to: output.appendingPathComponent(ABCommand.baseFileName))
            try ResultsFile.write(empty, to: output.appendingPathComponent("results.json"))
        } catch {
            throw .output(error.description)
        }
        console.output("shard \(shard.record!.index)/\(shard.record!.count) has no suites to measure\n")
        return .success
    }
}
