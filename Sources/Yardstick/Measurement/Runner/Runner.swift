import Foundation

/// Measures the benchmarks of a ``RunPlan``.
///
/// The timing model:
/// 1. The clocks are calibrated: the cost of an empty timing window, of a CPU-clock read, and
///    the CPU time the runner itself spends per window (its bookkeeping between windows).
/// 2. Suites are set up, then every selected benchmark (untimed).
/// 3. Rounds are interleaved: round 1 of every benchmark, then round 2 of every benchmark, and
///    so on, so that slow drift of the machine spreads over all benchmarks.
/// 4. Before its first round, a benchmark runs its warmup calls, so that the batch-size trial
///    sees it warm, and then the trial: a trial window doubles from one call until it lasts the
///    batch target, then that window is timed three more times and the fastest gives the time
///    per call, from which the batch size is chosen (see ``TimingPlan``). A benchmark whose
///    plan was decided before (``priorPlans``, under ``PriorTimingPlans/Rule/reuse``) or is
///    pinned in its configuration has no trial; under ``PriorTimingPlans/Rule/keepWithinBand``
///    the trial's estimate decides only beyond ``TimingMode/hysteresisBand``.
/// 5. A round runs the warmup calls (discarded), then `iterations` calls in timing windows of
///    the batch size. Each window's time, less the empty window's cost, divided by its calls,
///    is one sample. The process's CPU time is read once per round, less the cost of the read
///    and of the runner's work between windows; it is not recorded for a round shorter than
///    ``minimumCPUReadsPerRound`` CPU-clock reads.
/// 6. A benchmark's time limit covers its set-up, batch-size trial, warmups and rounds. Every
///    window, timed or not, is checked against it, so a slow benchmark stops with a
///    ``BenchmarkFailure`` and the others go on. A body that throws stops its benchmark the
///    same way.
/// 7. After the last round, each benchmark that completed makes one counting pass: its warmup
///    calls, then `iterations` calls in windows of its batch size with ``AllocationCounter``
///    open, so the timed rounds never pay for counting and set-up and tear-down are never
///    counted. The pass counts against the benchmark's time limit like a round.
/// 8. Benchmarks, then suites, are torn down; tear-down has a time limit of its own, the same
///    length.
///
/// A call that never returns cannot be interrupted inside the process: the ``Watchdog`` ends
/// the process after the benchmark's time limit plus a grace period, naming the benchmark.
///
/// The steps live beside this file: calibration (`Runner+Calibration.swift`), set-up and
/// tear-down, the batch-size trial, a round, the counting pass, and the watchdog's arming;
/// each benchmark's state during a run is a ``BenchmarkSession``.
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
    /// benchmark whose timing is automatic has a batch-size trial when `nil`.
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
    public func run(_ plan: RunPlan, events: (RunEvent) -> Void = { _ in }) async -> RunMeasurement {
        let startedAt = Date()
        let calibration: ClockCalibration
        if let clockCalibration {
            calibration = clockCalibration
        } else {
            calibration = await calibrate()
        }
        let sessions = plan.entries.map { BenchmarkSession($0, suite: plan.suites[$0.suiteIndex].name) }
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
