import Foundation

/// Measures the benchmarks of a ``RunPlan``.
///
/// The timing model:
/// 1. The clocks are calibrated: the cost of an empty timing window, of a CPU-clock read, and
///    the CPU time the runner itself spends per window (its bookkeeping between windows).
/// 2. Suites are set up, then every selected benchmark (untimed).
/// 3. Rounds are interleaved: round 1 of every benchmark, then round 2 of every benchmark, and
///    so on, so that slow drift of the machine spreads over all benchmarks.
/// 4. Before its first round, a benchmark runs its warmup calls, so that the probe sees it warm,
///    and is probed: a trial window doubles from one call until it lasts the batch target, then
///    that window is timed three more times and the fastest gives the time per call, from which
///    the batch size is chosen (see ``TimingPlan``). A benchmark whose plan was decided before
///    (``priorPlans``, under ``PriorTimingPlans/Rule/reuse``) or is pinned in its configuration
///    is not probed; under ``PriorTimingPlans/Rule/keepWithinBand`` the probe's estimate decides
///    only beyond ``TimingMode/hysteresisBand``.
/// 5. A round runs the warmup calls (discarded), then `iterations` calls in timing windows of
///    the batch size. Each window's time, less the empty window's cost, divided by its calls,
///    is one sample. The process's CPU time is read once per round, less the cost of the read
///    and of the runner's work between windows; it is not recorded for a round shorter than
///    ``minimumCPUReadsPerRound`` CPU-clock reads.
/// 6. A benchmark's time limit covers its set-up, probe, warmups and rounds. Every window, timed
///    or not, is checked against it, so a slow benchmark stops with a ``BenchmarkFailure`` and
///    the others go on. A body that throws stops its benchmark the same way.
/// 7. After the last round, each benchmark that completed makes one counting pass: its warmup
///    calls, then `iterations` calls in windows of its batch size with ``AllocationCounter``
///    open, so the timed rounds never pay for counting and set-up and tear-down are never
///    counted. The pass counts against the benchmark's time limit like a round.
/// 8. Benchmarks, then suites, are torn down; tear-down has a time limit of its own, the same
///    length.
///
/// A call that never returns cannot be interrupted inside the process: the ``Watchdog`` ends
/// the process after the benchmark's time limit plus a grace period, naming the benchmark.
public struct Runner<WallClock: NanosecondClock, CPUClock: NanosecondClock>: Sendable {
    /// Times the windows.
    public var wallClock: WallClock
    /// Measures CPU time per round.
    public var cpuClock: CPUClock
    /// The clock costs to subtract; measured at the start of each run when `nil`.
    public var clockCalibration: ClockCalibration?
    /// Ends the process when a call hangs past its benchmark's time limit; none when `nil`.
    public var watchdog: Watchdog?
    /// Recorded in every round, so that rounds from several processes can be merged.
    public var processIndex: Int
    /// Whether each benchmark makes a counting pass after its rounds (see the type's
    /// documentation). Counts are taken only where ``AllocationCounter`` can count.
    public var countsAllocations: Bool
    /// Timing plans decided before this run, by benchmark (see ``PriorTimingPlans``); every
    /// benchmark is probed when `nil`.
    public var priorPlans: PriorTimingPlans?

    /// A round's CPU time is recorded only when the round lasts at least this many CPU-clock
    /// reads: 100 reads keep the read's own cost and jitter near 1% of the figure.
    public static var minimumCPUReadsPerRound: Double { 100 }

    /// Creates a runner on the given clocks.
    public init(
        wallClock: WallClock,
        cpuClock: CPUClock,
        clockCalibration: ClockCalibration? = nil,
        watchdog: Watchdog? = nil,
        processIndex: Int = 0,
        countsAllocations: Bool = true,
        priorPlans: PriorTimingPlans? = nil
    ) {
        self.wallClock = wallClock
        self.cpuClock = cpuClock
        self.clockCalibration = clockCalibration
        self.watchdog = watchdog
        self.processIndex = processIndex
        self.countsAllocations = countsAllocations
        self.priorPlans = priorPlans
    }

    /// Runs every benchmark of `plan` and returns what was measured. Failures are recorded in
    /// the measurements, never thrown.
    /// This runner with its clocks calibrated now, so that later runs skip calibrating:
    /// for a caller that runs many small plans, such as a monitor's samples.
    func calibrated() async -> Runner {
        var runner = self
        if runner.clockCalibration == nil { runner.clockCalibration = await calibrate() }
        return runner
    }

    public func run(_ plan: RunPlan, events: (RunEvent) -> Void = { _ in }) async -> RunMeasurement {
        let startedAt = Date()
        let calibration: ClockCalibration
        if let clockCalibration {
            calibration = clockCalibration
        } else {
            calibration = await calibrate()
        }
        let sessions = plan.entries.map { Session($0, suite: plan.suites[$0.suiteIndex].name) }
        let rounds = plan.entries.map(\.configuration.rounds).max() ?? 0
        events(.started(benchmarks: sessions.count, rounds: rounds))

        var suitesSetUp = Array(repeating: false, count: plan.suites.count)
        for (suiteIndex, suite) in plan.suites.enumerated() {
            let members = sessions.filter { $0.entry.suiteIndex == suiteIndex }
            do {
                try await guarded(members, phase: "suite set-up") { try await suite.setUp() }
                suitesSetUp[suiteIndex] = true
            } catch {
                for session in members {
                    session.fail(.suiteSetUp, "suite '\(suite.name)' set-up threw: \(describe(error))", events)
                }
                continue
            }
            for session in members {
                await setUp(session, events: events)
            }
        }

        for round in stride(from: 1, through: rounds, by: 1) {
            for session in sessions where session.isActive {
                events(.measuring(benchmark: session.entry.fullName, round: round, rounds: session.entry.configuration.rounds))
                await measureRound(session, calibration: calibration, events: events)
            }
            events(.roundFinished(round: round, rounds: rounds))
        }

        if countsAllocations, AllocationCounter.isAvailable {
            for session in sessions where session.prepared != nil && session.failure == nil {
                await countAllocations(session, events: events)
            }
        }

        for session in sessions {
            await tearDown(session, events: events)
        }
        for (suiteIndex, suite) in plan.suites.enumerated() where suitesSetUp[suiteIndex] {
            let members = sessions.filter { $0.entry.suiteIndex == suiteIndex }
            do {
                try await guarded(members, phase: "suite tear-down") { try await suite.tearDown() }
            } catch {
                for session in members where session.failure == nil {
                    session.fail(.tearDown, "suite '\(suite.name)' tear-down threw: \(describe(error))", events)
                }
            }
        }
        events(.finished)

        return RunMeasurement(
            startedAt: startedAt,
            finishedAt: Date(),
            clockCalibration: calibration,
            benchmarks: sessions.map { $0.measurement }
        )
    }

    // MARK: Phases

    private func setUp(_ session: Session, events: (RunEvent) -> Void) async {
        let start = wallClock.now()
        arm(session, phase: "set-up", from: start)
        defer { finishPhase(session, startedAt: start) }
        do {
            session.prepared = try await session.entry.benchmark.prepare()
        } catch {
            session.fail(.setUp, "set-up threw: \(describe(error))", events)
        }
    }

    private func tearDown(_ session: Session, events: (RunEvent) -> Void) async {
        guard let prepared = session.prepared else { return }
        session.prepared = nil
        let limit = session.entry.configuration.timeLimit
        watchdog?.arm(
            benchmark: session.entry.fullName,
            phase: "tear-down",
            deadline: wallClock.now().addingSaturating(limit.unsignedNanoseconds),
            timeLimit: limit
        )
        defer { watchdog?.disarm() }
        do {
            try await prepared.tearDown()
        } catch where session.failure == nil {
            session.fail(.tearDown, "tear-down threw: \(describe(error))", events)
        } catch {}
    }

    private func measureRound(_ session: Session, calibration: ClockCalibration, events: (RunEvent) -> Void) async {
        guard let prepared = session.prepared else { return }
        let configuration = session.entry.configuration
        let window = windowFunction(for: prepared.window)
        let start = wallClock.now()
        arm(session, phase: "round \(session.rounds.count + 1)", from: start)
        defer { finishPhase(session, startedAt: start) }
        var budget = TimeBudget(
            limit: configuration.timeLimit.unsignedNanoseconds,
            spent: session.elapsedNanoseconds.addingSaturating(wallClock.now() &- start)
        )
        do {
            if session.timing == nil {
                session.timing = try await probe(session, window: window, calibration: calibration, budget: &budget)
            }
            let plan = session.timing!
            try await runUntimed(session, window: window, calls: configuration.warmupIterations, chunk: plan.batchSize, budget: &budget)
            let sizes = plan.windowSizes(iterations: configuration.iterations)
            let timed = try await timeWindows(
                window,
                sizes: sizes,
                from: session.takeCallIndices(configuration.iterations),
                overheadNanoseconds: calibration.overheadNanoseconds,
                budget: &budget
            )
            // The runner's own CPU time: the CPU clock's read, and its work between windows.
            let runnerCPU = calibration.cpuOverheadNanoseconds + Double(sizes.count) * calibration.cpuPerWindowNanoseconds
            let cpuIsResolvable = Double(timed.wallNanoseconds) >= Self.minimumCPUReadsPerRound * calibration.cpuOverheadNanoseconds
            session.rounds.append(RoundMeasurement(
                samples: timed.samples,
                iterations: configuration.iterations,
                cpuNanoseconds: cpuIsResolvable ? max(0, timed.cpuNanoseconds - runnerCPU) : nil,
                process: processIndex
            ))
        } catch is TimeLimitExceeded {
            session.fail(
                .timeLimit,
                "exceeded its time limit of \(Formatting.duration(configuration.timeLimit)) after "
                    + "\(session.rounds.count) of \(configuration.rounds) rounds",
                events
            )
        } catch {
            session.fail(.body, "threw in round \(session.rounds.count + 1): \(describe(error))", events)
        }
    }

    /// One round's worth of calls with the allocation counter open (see the type's
    /// documentation, step 7).
    private func countAllocations(_ session: Session, events: (RunEvent) -> Void) async {
        guard let prepared = session.prepared, let plan = session.timing else { return }
        let configuration = session.entry.configuration
        let window = windowFunction(for: prepared.window)
        let start = wallClock.now()
        arm(session, phase: "counting pass", from: start)
        defer { finishPhase(session, startedAt: start) }
        var budget = TimeBudget(limit: configuration.timeLimit.unsignedNanoseconds, spent: session.elapsedNanoseconds)
        let sizes = plan.windowSizes(iterations: configuration.iterations)
        var failure: (any Error)?
        // Warmed on this thread, just before: a body that keeps per-thread state (a logger's
        // encoder) allocates it on each thread's first call, and the pass may run on a thread
        // the rounds did not use. A body that never suspends then counts on this thread alone.
        do {
            try await runUntimed(session, window: window, calls: configuration.warmupIterations, chunk: plan.batchSize, budget: &budget)
        } catch {
            failure = error
        }
        var index = session.takeCallIndices(configuration.iterations)
        AllocationCounter.start()
        // Indexed, not `for in`: an unoptimised build reads an array's iterator through a
        // coroutine that allocates, which would count against the benchmark.
        var position = failure == nil ? 0 : sizes.count
        while position < sizes.count {
            let size = sizes[position]
            do {
                try budget.spend(try await window(index, size))
            } catch {
                failure = error
                break
            }
            index &+= size
            position += 1
        }
        let counts = AllocationCounter.stop(calls: configuration.iterations, process: processIndex)
        // Held to here: released inside the window, they would count as the benchmark's frees.
        withExtendedLifetime(sizes) {}
        withExtendedLifetime(window) {}
        switch failure {
        case nil:
            session.counts = counts
        case is TimeLimitExceeded:
            session.fail(
                .timeLimit,
                "exceeded its time limit of \(Formatting.duration(configuration.timeLimit)) in its counting pass, after all its rounds",
                events
            )
        case let error?:
            session.fail(.body, "threw in its counting pass: \(describe(error))", events)
        }
    }

    /// The timed part of a round: one window per size, each sample the window's time less the
    /// empty window's cost, over its calls; the CPU clock read once at each end. Returns the
    /// samples, the windows' total time, and the CPU time between the two reads, uncorrected.
    private func timeWindows(
        _ window: Window,
        sizes: [Int],
        from firstIndex: Int,
        overheadNanoseconds overhead: Double,
        budget: inout TimeBudget
    ) async throws -> (samples: [Double], wallNanoseconds: UInt64, cpuNanoseconds: Double) {
        var samples = [Double]()
        samples.reserveCapacity(sizes.count)
        var index = firstIndex
        var wallNanoseconds: UInt64 = 0
        let cpuStart = cpuClock.now()
        for size in sizes {
            let elapsed = try await window(index, size)
            samples.append(max(0, Double(elapsed) - overhead) / Double(size))
            index &+= size
            wallNanoseconds &+= elapsed
            try budget.spend(elapsed)
        }
        let cpuEnd = cpuClock.now()
        return (samples, wallNanoseconds, Double(cpuEnd &- cpuStart))
    }

    /// Runs `calls` calls untimed before the batch size is known, in windows that double from
    /// one call while they last less than the batch target, each checked against the budget.
    private func runUntimedBeforeProbe(
        _ session: Session,
        window: Window,
        calls: Int,
        calibration: ClockCalibration,
        budget: inout TimeBudget
    ) async throws {
        let target = TimingPlan.batchTarget(clockOverheadNanoseconds: calibration.overheadNanoseconds)
        var remaining = calls
        var chunk = 1
        while remaining > 0 {
            let count = min(chunk, remaining)
            let elapsed = try await window(session.takeCallIndices(count), count)
            try budget.spend(elapsed)
            remaining -= count
            if Double(elapsed) < target { chunk *= 2 }
        }
    }

    /// Runs `calls` calls untimed, in windows of `chunk` calls, each checked against the budget.
    private func runUntimed(_ session: Session, window: Window, calls: Int, chunk: Int, budget: inout TimeBudget) async throws {
        var remaining = calls
        while remaining > 0 {
            let count = min(chunk, remaining)
            try budget.spend(try await window(session.takeCallIndices(count), count))
            remaining -= count
        }
    }

    /// Chooses the batch size, unless the configuration or a reused plan fixes it: runs the
    /// warmup calls, then doubles a trial window from one call until it lasts the batch target
    /// or reaches the round's iteration count, then times that window three more times and keeps
    /// the fastest, so one preempted window cannot decide the timing mode. These calls are
    /// discarded like warmup.
    private func probe(
        _ session: Session,
        window: Window,
        calibration: ClockCalibration,
        budget: inout TimeBudget
    ) async throws -> TimingPlan {
        let configuration = session.entry.configuration
        let overhead = calibration.overheadNanoseconds
        if let plan = TimingPlan.withoutProbing(
            mode: configuration.timing,
            reusing: priorPlans?.reused(session.entry.fullName),
            iterations: configuration.iterations,
            clockOverheadNanoseconds: overhead
        ) {
            return plan
        }
        // Probed warm: cold, a body that reads a large fixture ran several times slower than
        // in its rounds (an LRU get over 10,000 entries: 700 ns against 100 ns), enough to cross
        // the batching threshold in some processes and not others.
        try await runUntimedBeforeProbe(session, window: window, calls: configuration.warmupIterations, calibration: calibration, budget: &budget)
        let target = TimingPlan.batchTarget(clockOverheadNanoseconds: overhead)
        var count = 1
        while true {
            let elapsed = try await window(session.takeCallIndices(count), count)
            try budget.spend(elapsed)
            if Double(elapsed) >= target || count >= configuration.iterations { break }
            count = min(count * 2, configuration.iterations)
        }
        var fastest = UInt64.max
        for _ in 0..<3 {
            let elapsed = try await window(session.takeCallIndices(count), count)
            try budget.spend(elapsed)
            fastest = min(fastest, elapsed)
        }
        return TimingPlan.choose(
            mode: configuration.timing,
            nanosecondsPerCall: max(0, Double(fastest) - overhead) / Double(count),
            iterations: configuration.iterations,
            clockOverheadNanoseconds: overhead,
            keeping: priorPlans?.kept(session.entry.fullName)
        )
    }

    // MARK: Calibration

    /// Measures the clocks' costs, and the CPU time the runner spends per timing window by
    /// timing 2,000 one-call windows of an empty body through the same code as every round.
    private func calibrate() async -> ClockCalibration {
        var calibration = ClockCalibration.measure(wall: wallClock, cpu: cpuClock)
        let empty = windowFunction(for: .synchronous { clock, first, count in
            timeWindow(clock, from: first, count: count) { index in blackHole(index) }
        })
        let windows = 2_000
        var unlimited = TimeBudget(limit: .max, spent: 0)
        if let timed = try? await timeWindows(
            empty, sizes: Array(repeating: 1, count: windows), from: 0,
            overheadNanoseconds: calibration.overheadNanoseconds, budget: &unlimited
        ) {
            calibration.cpuPerWindowNanoseconds = max(0, (timed.cpuNanoseconds - calibration.cpuOverheadNanoseconds) / Double(windows))
        }
        return calibration
    }

    // MARK: Helpers

    /// Times `count` calls starting at a call index; the same shape for synchronous and
    /// asynchronous bodies, so the round logic is written once.
    private typealias Window = (_ firstIndex: Int, _ count: Int) async throws -> UInt64

    private func windowFunction(for window: PreparedBenchmark.Window) -> Window {
        let clock = wallClock
        switch window {
        case .synchronous(let timed):
            return { first, count in try timed(clock, first, count) }
        case .asynchronous(let timed):
            return { first, count in try await timed(clock, first, count) }
        }
    }

    /// Runs a suite-level phase under the watchdog, with the largest time limit of its members.
    private func guarded(_ members: [Session], phase: String, _ body: () async throws -> Void) async throws {
        if let watchdog, let first = members.first {
            let limit = members.map(\.entry.configuration.timeLimit).max()!
            watchdog.arm(
                benchmark: first.entry.fullName,
                phase: phase,
                deadline: wallClock.now().addingSaturating(limit.unsignedNanoseconds),
                timeLimit: limit
            )
        }
        defer { watchdog?.disarm() }
        try await body()
    }

    private func arm(_ session: Session, phase: String, from start: UInt64) {
        guard let watchdog else { return }
        let limit = session.entry.configuration.timeLimit
        let remaining = limit.unsignedNanoseconds.subtractingSaturating(session.elapsedNanoseconds)
        watchdog.arm(benchmark: session.entry.fullName, phase: phase, deadline: start.addingSaturating(remaining), timeLimit: limit)
    }

    private func finishPhase(_ session: Session, startedAt start: UInt64) {
        session.elapsedNanoseconds = session.elapsedNanoseconds.addingSaturating(wallClock.now() &- start)
        watchdog?.disarm()
    }
}

extension Runner where WallClock == MonotonicClock, CPUClock == ProcessCPUClock {
    /// A runner on the system's monotonic and process CPU clocks.
    public init(watchdog: Watchdog? = nil, processIndex: Int = 0, countsAllocations: Bool = true, priorPlans: PriorTimingPlans? = nil) {
        self.init(
            wallClock: MonotonicClock(), cpuClock: ProcessCPUClock(), watchdog: watchdog,
            processIndex: processIndex, countsAllocations: countsAllocations, priorPlans: priorPlans
        )
    }
}

/// A benchmark's time limit and what it has used so far.
private struct TimeBudget {
    let limit: UInt64
    var spent: UInt64

    /// Counts `nanoseconds` against the limit, throwing once it is exceeded.
    mutating func spend(_ nanoseconds: UInt64) throws(TimeLimitExceeded) {
        spent = spent.addingSaturating(nanoseconds)
        if spent > limit { throw TimeLimitExceeded() }
    }
}

/// The benchmark's own time ran out inside a round.
private struct TimeLimitExceeded: Error {}

/// The mutable state of one benchmark during a run.
private final class Session {
    let entry: RunPlan.Entry
    let suiteName: String
    var prepared: PreparedBenchmark?
    var timing: TimingPlan?
    var rounds: [RoundMeasurement] = []
    var counts: AllocationCounts?
    var failure: BenchmarkFailure?
    /// Time spent in this benchmark's own phases, against its time limit.
    var elapsedNanoseconds: UInt64 = 0
    private var nextCallIndex = 0

    init(_ entry: RunPlan.Entry, suite: String) {
        self.entry = entry
        self.suiteName = suite
    }

    var isActive: Bool {
        prepared != nil && failure == nil && rounds.count < entry.configuration.rounds
    }

    /// Reserves the next `count` call indices and returns the first.
    func takeCallIndices(_ count: Int) -> Int {
        defer { nextCallIndex &+= count }
        return nextCallIndex
    }

    func fail(_ kind: BenchmarkFailure.Kind, _ message: String, _ events: (RunEvent) -> Void) {
        let failure = BenchmarkFailure(kind, message)
        self.failure = failure
        events(.failed(benchmark: entry.fullName, failure: failure))
    }

    var measurement: BenchmarkMeasurement {
        BenchmarkMeasurement(
            name: entry.fullName,
            suite: suiteName,
            configuration: entry.configuration,
            timing: timing,
            rounds: rounds,
            failure: failure,
            elapsedNanoseconds: elapsedNanoseconds,
            counts: counts
        )
    }
}

/// A thrown error as people read it: its description, or its type when that says nothing.
func describe(_ error: any Error) -> String {
    let text = String(describing: error)
    return text.isEmpty ? String(reflecting: type(of: error)) : text
}
