import Foundation

/// Measures two bench executables side by side: many processes of each, alternating in the
/// order of an ``ABSchedule``, one at a time, each a ``MeasuringProcess``.
///
/// The process is the unit: on a shared machine a whole process can run in a slow state, and
/// builds of the same code can differ by where their code landed, so only many processes of each
/// side, interleaved in time, give samples that share the machine's good and bad moments.
///
/// Each process runs a fresh copy of its side's executable. The kernel keeps an executable's
/// code in the page cache at the same physical pages for every process that runs that file, so
/// where those pages fall in the processor's caches would be one draw for a whole side: in one
/// A/A run here, 11 of 12 processes of one build ran `cache.get.miss` 8% slower than the other
/// build's, in no other run of the same two builds. A copy written for each process gets pages
/// of its own, which turns that draw into per-process noise that the comparison measures.
///
/// Both sides time each benchmark the same way: the first process of the run, of either side,
/// decides each benchmark's timing plan (batched or per call, and the batch size), and every
/// later process of both sides reuses it (see ``PriorTimingPlans``); a benchmark it did not
/// time is decided by the next process that times it. An executable built before plans could
/// be handed on (it refuses `--timing-plans`) chooses its own, as it always did.
public struct ABRunner: Sendable {
    /// The build judged against.
    public var base: ABBuild
    /// The build under test.
    public var head: ABBuild
    /// Which side each process measures, in order.
    public var schedule: ABSchedule
    /// The selection, as `--filter` patterns; empty selects every benchmark.
    public var filters: [String]
    /// Configuration that overrides every benchmark's, for both sides.
    public var overrides: BenchmarkConfiguration
    /// Raw samples kept per benchmark and side in the merged results.
    public var sampleCap: Int
    /// Runs one process into its folder and reads its results; tests stand in for it.
    var measureProcess: @Sendable (MeasuringProcess, URL) throws(MeasuringProcessError) -> RunResults = { child, output throws(MeasuringProcessError) in
        try child.run(output: output)
    }
    /// Whether an executable takes the timing plans of earlier processes; tests stand in for it.
    var acceptsTimingPlans: @Sendable (URL) -> Bool = { MeasuringProcess.acceptsTimingPlans($0) }

    /// A runner of `schedule` over `base` and `head`.
    public init(
        base: ABBuild,
        head: ABBuild,
        schedule: ABSchedule,
        filters: [String] = [],
        overrides: BenchmarkConfiguration = .init(),
        sampleCap: Int = BenchmarkResult.defaultSampleCap
    ) {
        self.base = base
        self.head = head
        self.schedule = schedule
        self.filters = filters
        self.overrides = overrides
        self.sampleCap = sampleCap
    }

    /// Progress of a comparison, reported between processes.
    public enum Event: Sendable, Hashable {
        /// Process `index` (0-based, in run order) of `count` is about to measure `side`.
        case started(index: Int, count: Int, side: ABSide)
        /// It finished after `seconds`; the rest should take about `remainingSeconds`.
        case finished(index: Int, count: Int, side: ABSide, seconds: Double, remainingSeconds: Double)
    }

    /// Checks that both executables are Yardstick bench executables, then runs every process
    /// of the schedule, writing each one's results under `directory`, and merges each side's
    /// processes into one run whose rounds are tagged with the process's index within its side.
    ///
    /// - Throws: ``ABRunError`` naming the side and process that failed.
    public func run(in directory: URL, events: (Event) -> Void = { _ in }) throws(ABRunError) -> ABMeasurement {
        try Self.verify(base, side: .base)
        try Self.verify(head, side: .head)
        // Each side's executable as it is now, kept for this run alone: another comparison in
        // the same package may rebuild or prune the shared build folders while this one measures.
        var executables: [ABSide: URL] = [:]
        var takesPlans: [ABSide: Bool] = [:]
        for side in [ABSide.base, .head] {
            do {
                executables[side] = try freshCopy(of: build(side).executable, in: directory.appendingPathComponent("\(side.rawValue)-build"))
            } catch {
                throw ABRunError(side: side, build: build(side), process: nil, processes: nil, failure: error)
            }
            takesPlans[side] = acceptsTimingPlans(executables[side]!)
        }
        let startedAt = Date()
        let clock = MonotonicClock()
        var parts: [ABSide: [RunResults]] = [.base: [], .head: []]
        var plans: PriorTimingPlans?
        var spent = 0.0
        let count = schedule.sides.count
        for (index, (side, number)) in zip(schedule.sides, schedule.indicesWithinSide).enumerated() {
            events(.started(index: index, count: count, side: side))
            let start = clock.now()
            let folder = directory.appendingPathComponent("\(side.rawValue)-\(number + 1)")
            do {
                let executable = try freshCopy(of: executables[side]!, in: folder)
                defer { try? FileManager.default.removeItem(at: executable) }
                let child = MeasuringProcess(
                    executable: executable, filters: filters, overrides: overrides, priorPlans: takesPlans[side]! ? plans : nil
                )
                let part = try measureProcess(child, folder)
                parts[side, default: []].append(part)
                plans = PriorTimingPlans.after(part, given: plans)
            } catch {
                throw ABRunError(side: side, build: build(side), process: number + 1, processes: schedule.processesPerSide, failure: error)
            }
            let seconds = Double(clock.now() &- start) / 1e9
            spent += seconds
            let remaining = spent / Double(index + 1) * Double(count - index - 1)
            events(.finished(index: index, count: count, side: side, seconds: seconds, remainingSeconds: remaining))
        }
        return ABMeasurement(
            base: merged(parts[.base] ?? [], side: .base),
            head: merged(parts[.head] ?? [], side: .head),
            schedule: schedule,
            startedAt: startedAt,
            finishedAt: Date()
        )
    }

    /// A copy of `executable` under `folder`, with the same name, so that the kernel loads its
    /// code into page-cache pages of its own.
    private func freshCopy(of executable: URL, in folder: URL) throws(MeasuringProcessError) -> URL {
        let copy = folder.appendingPathComponent("executable", isDirectory: true).appendingPathComponent(executable.lastPathComponent)
        do {
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: executable, to: copy)
        } catch {
            throw .cannotStart(executable: executable.path, reason: "cannot copy it to \(copy.path): \(describeFileError(error))")
        }
        return copy
    }

    private func build(_ side: ABSide) -> ABBuild {
        side == .base ? base : head
    }

    /// One side's processes as one run, with the commit it was built from: the processes'
    /// own fingerprints name the commit of the folder they ran in, which is not the base's.
    private func merged(_ parts: [RunResults], side: ABSide) -> RunResults {
        var results = RunResults.merging(parts, sampleCap: sampleCap)
        results.environment.gitCommit = build(side).commit
        return results
    }

    /// Asks the executable for its version: a Yardstick bench executable answers
    /// `bench (Yardstick) VERSION` at once; one that has not answered within `timeout` is not one.
    static func verify(_ build: ABBuild, side: ABSide, timeout: Duration = .seconds(30)) throws(ABRunError) {
        let answer = try? ChildProcess.run(build.executable, ["--version"], timeout: timeout)
        guard let answer, answer.termination.isSuccess, answer.outputText.hasPrefix("bench (Yardstick)") else {
            let said = answer.map { answer in
                if answer.timedOut { return "it had not answered after \(timeout), so it was stopped" }
                return answer.outputText.split(whereSeparator: \.isNewline).first.map { "it printed '\($0.prefix(80))'" }
                    ?? "it \(answer.termination) and printed nothing"
            }
            throw ABRunError(
                side: side, build: build, process: nil, processes: nil,
                failure: .refused(
                    executable: build.executable.path,
                    reason: "it is not a Yardstick bench executable (asked for --version, \(said ?? "it could not be started"))"
                )
            )
        }
    }
}

/// What a side-by-side comparison measured.
public struct ABMeasurement: Sendable {
    /// The base's processes, merged: each round's `process` is its index among the base's.
    public var base: RunResults
    /// The head's processes, merged likewise.
    public var head: RunResults
    /// The order the processes ran in.
    public var schedule: ABSchedule
    /// When the first process started.
    public var startedAt: Date
    /// When the last one ended.
    public var finishedAt: Date
}

/// A process of a side-by-side comparison failed.
public struct ABRunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The side it measured.
    public var side: ABSide
    /// That side's build.
    public var build: ABBuild
    /// Its number within its side, from 1; `nil` for the check before measuring.
    public var process: Int?
    /// Processes per side.
    public var processes: Int?
    /// What went wrong.
    public var failure: MeasuringProcessError

    /// One line: the side, the process or the check, the build, and what went wrong.
    public var description: String {
        let which = process.map { "\(side.rawValue) process \($0) of \(processes ?? $0)" } ?? "the \(side.rawValue) executable"
        return "\(which) (\(build.description)) \(failure)"
    }

    /// Whether the executable cannot measure at all (exit code 2) rather than a benchmark
    /// crashing in it (exit code 1).
    public var isInputError: Bool { failure.isInputError }
}
