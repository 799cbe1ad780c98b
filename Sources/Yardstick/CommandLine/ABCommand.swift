import Foundation

/// Options of `bench ab`.
struct ABOptions: Equatable {
    /// The base: a git revision to build, or an executable.
    enum Base: Equatable {
        case revision(String)
        case executable(String)
    }

    var base: Base
    /// An executable to use as the head instead of building the working tree.
    var headExecutable: String?
    /// The folder holding `Package.swift`.
    var packagePath = "."
    /// Processes per side, and the selection and configuration every process runs with.
    var measurement = MeasurementOptions(processes: ABOptions.defaultProcesses)
    /// Seeds the order of the processes; drawn at random when not given.
    var seed: UInt64?
    /// Where the reports go.
    var outputDirectory = "reports"
    var judgement = JudgementOptions()
    /// Where the failing benchmarks' alerts go.
    var alerting = AlertingOptions()
    /// `--budget`: limits added to the head's benchmarks' own.
    var budgets: [BudgetRule] = []

    /// Processes per side by default: on 48 processes of every suite on a shared 2-core VM,
    /// 12 per side with 20 rounds each gave at least 90% power against a 10% slowdown for 28
    /// of 31 benchmarks (`docs/ab-estimator-study.md`), and a run of every suite takes about
    /// two and a half minutes.
    static let defaultProcesses = 12
}

extension CommandParser {
    /// What `bench ab` does unless told otherwise; the base is a placeholder.
    private static let abDefaults = ABOptions(base: .revision("HEAD"))

    static let abOptions: [OptionSpec] = [
        OptionSpec(name: "--base-ref", valueName: "REV", help: "The base: this git revision, built in .build/yardstick-ab/ (cached by commit)."),
        OptionSpec(name: "--base-executable", valueName: "PATH", help: "The base: this bench executable, built elsewhere."),
        OptionSpec(name: "--head-executable", valueName: "PATH", help: "The head: this bench executable (default: build the working tree)."),
        OptionSpec(name: "--package-path", valueName: "DIR", help: "The package to build (default: the current directory)."),
        OptionSpec(
            name: "--processes", valueName: "N",
            help: "Processes per side, alternating in balanced blocks (default: \(abDefaults.measurement.processes))."
        ),
        OptionSpec(name: "--seed", valueName: "N", help: "Seed of the process order, to repeat a run (default: random, printed)."),
        filterOption,
        OptionSpec(name: "--iterations", valueName: "N", help: "Calls timed per round, for every benchmark."),
        OptionSpec(name: "--warmup", valueName: "N", help: "Calls run and discarded before each round."),
        OptionSpec(name: "--rounds", valueName: "N", help: "Rounds per benchmark and process."),
        OptionSpec(name: "--time-limit", valueName: "DURATION", help: "Longest one benchmark may take in one process (30s, 2m)."),
        OptionSpec(name: "--sample-cap", valueName: "N", help: "Raw samples kept per benchmark and side (default: \(abDefaults.measurement.sampleCap))."),
        shardOption,
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for the reports (default: \(abDefaults.outputDirectory))."),
    ] + judgementOptions.filter { $0.name != "--allow-foreign-baseline" } + alertingOptions + [
        OptionSpec(name: "--quiet", short: "-q", help: "Print no progress on standard error."),
        helpOption,
    ]

    static func parseAB(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: abOptions, command: "ab")
        if parsed.has("--help") { return .help(subcommand: "ab") }
        try rejectPositionals(parsed, command: "ab")
        let base: ABOptions.Base
        switch (try filePath(parsed, "--base-ref"), try filePath(parsed, "--base-executable")) {
        case (let revision?, nil): base = .revision(revision)
        case (nil, let path?): base = .executable(path)
        case (nil, nil): throw .usage("'bench ab' needs a base: --base-ref REV (such as origin/main) or --base-executable PATH")
        case (_?, _?): throw .usage("--base-ref and --base-executable exclude each other")
        }
        var options = ABOptions(base: base)
        options.headExecutable = try filePath(parsed, "--head-executable")
        options.packagePath = try directory(parsed, "--package-path") ?? options.packagePath
        options.measurement = try measurement(parsed, defaults: options.measurement)
        if options.measurement.processes < 2 {
            throw .usage("--processes expects at least 2 per side: the process is what bench ab compares")
        }
        if let text = parsed.value("--seed") {
            guard let seed = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
                throw .usage("--seed expects a whole number from 0 to \(UInt64.max), got '\(text)'")
            }
            options.seed = seed
        }
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.judgement = try judgement(parsed)
        options.alerting = try alerting(parsed)
        options.budgets = try budgetRules(parsed)
        return .ab(options)
    }
}

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
        if let summary = shard.summary { log(summary) }
        if shard.record != nil, shard.plan.entries.isEmpty {
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
            base: base, head: head, schedule: schedule, filters: shard.processFilters(options.measurement.filters).patterns,
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
        results.shard = shard.record
        baseResults.shard = shard.record
        try requireBudgetsSelect(options.budgets, among: results.benchmarks.map(\.name))
        results = results.addingBudgets(options.budgets)
        results.judgement = ABJudge(options: options.judgement).judge(
            results, against: baseResults, context: context, selection: shard.judgingSelection(options.measurement.filters)
        )
        let output = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        do {
            try ResultsFile.write(baseResults, to: output.appendingPathComponent(ABCommand.baseFileName))
            try ReportWriter(directory: output).write(ReportInput(results: results, baseline: measurement.base))
        } catch {
            throw .output(error.description)
        }
        if let judgement = results.judgement {
            console.output(VerdictTable(judgement).render())
            if judgement.refusesForeignBaseline {
                console.error("bench: error: the base and head differ in what blocks comparing them; nothing was judged\n")
            }
        }
        await alerting.post(results.judgement, console: console)
        return ExitCode(judging: results)
    }

    /// The file beside `results.json` that holds the base's merged processes.
    static let baseFileName = "base.json"

    /// The shard of this executable's selection to measure; the whole selection without
    /// `--shard`. Suites are weighed by the durations in the package's default baseline, when
    /// it has one: every job of a matrix checks out the same one.
    private func shardSelection() throws(CommandLineError) -> ShardSelection {
        guard let shard = options.measurement.shard else {
            // Unsharded, the builds select with the user's filters themselves; no plan is needed.
            return ShardSelection(try! RunPlan(suites: []), shard: nil, filters: options.measurement.filters, baseline: nil)
        }
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
