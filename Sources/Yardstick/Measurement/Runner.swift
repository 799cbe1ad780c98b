import Foundation

/// Measures the benchmarks of a ``RunPlan``.
///
/// The timing model:
/// 1. Suites are set up, then every selected benchmark (untimed).
/// 2. Rounds are interleaved: round 1 of every benchmark, then round 2 of every benchmark, and
///    so on, so that slow drift of the machine spreads over all benchmarks.
/// 3. A round runs the warmup calls (discarded), then `iterations` calls in timing windows of
///    the benchmark's batch size. Before its first round, a benchmark's batch size is chosen
///    from a probe that doubles a trial window until it lasts long enough to time reliably
///    (see ``TimingPlan``).
/// 4. Each window's time, less the clock's calibrated overhead, divided by its calls, is one
///    sample. The process's CPU time is read once per round, less its own read's cost; it is
///    not recorded for a round shorter than ``minimumCPUReadsPerRound`` CPU-clock reads, where
///    the read's jitter would dominate the figure.
/// 5. A body that throws, or a benchmark whose own set-up, warmups and rounds together exceed
///    its time limit, stops that benchmark with a ``BenchmarkFailure``; the others go on.
/// 6. Benchmarks, then suites, are torn down.
///
/// A call that never returns cannot be interrupted inside the process: the ``Watchdog`` ends
/// the process after the benchmark's time limit plus a grace period, naming the benchmark.
public struct Runner<WallClock: NanosecondClock, CPUClock: NanosecondClock>: Sendable {
    /// Times the windows.
    public var wallClock: WallClock
    /// Measures CPU time per round.
    public var cpuClock: CPUClock
    /// The empty-window cost to subtract; measured at the start of each run when `nil`.
    public var clockCalibration: ClockCalibration?
    /// Ends the process when a call hangs past its benchmark's time limit; none when `nil`.
    public var watchdog: Watchdog?
    /// Recorded in every round, so that rounds from several processes can be merged.
    public var processIndex: Int

    /// A round's CPU time is recorded only when the round lasts at least this many CPU-clock
    /// reads: 100 reads keep the read's own cost and jitter near 1% of the figure.
    public static var minimumCPUReadsPerRound: Double { 100 }

    /// Creates a runner on the given clocks.
    public init(
        wallClock: WallClock,
        cpuClock: CPUClock,
        clockCalibration: ClockCalibration? = nil,
        watchdog: Watchdog? = nil,
        processIndex: Int = 0
    ) {
        self.wallClock = wallClock
        self.cpuClock = cpuClock
        self.clockCalibration = clockCalibration
        self.watchdog = watchdog
        self.processIndex = processIndex
    }

    /// Runs every benchmark of `plan` and returns what was measured. Failures are recorded in
    /// the measurements, never thrown.
    public func run(_ plan: RunPlan, events: (RunEvent) -> Void = { _ in }) async -> RunMeasurement {
        let startedAt = Date()
        let calibration = clockCalibration ?? ClockCalibration.measure(wall: wallClock, cpu: cpuClock)
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
        let start = wallClock.now()
        arm(session, phase: "tear-down", from: start)
        defer { finishPhase(session, startedAt: start) }
        do {
            try await prepared.tearDown()
        } catch where session.failure == nil {
            session.fail(.tearDown, "tear-down threw: \(describe(error))", events)
        } catch {}
    }

    private func measureRound(_ session: Session, calibration: ClockCalibration, events: (RunEvent) -> Void) async {
        guard let prepared = session.prepared else { return }
        let configuration = session.entry.configuration
        let budget = UInt64(clamping: configuration.timeLimit.nanoseconds)
        let overhead = calibration.overheadNanoseconds
        let window = windowFunction(for: prepared.window)

        let start = wallClock.now()
        arm(session, phase: "round \(session.rounds.count + 1)", from: start)
        defer { finishPhase(session, startedAt: start) }
        do {
            if configuration.warmupIterations > 0 {
                _ = try await window(session.takeCallIndices(configuration.warmupIterations), configuration.warmupIterations)
            }
            if session.timing == nil {
                session.timing = try await probe(session, window: window, overheadNanoseconds: overhead)
            }
            let sizes = session.timing!.windowSizes(iterations: configuration.iterations)
            let spent = session.elapsedNanoseconds &+ (wallClock.now() &- start)
            if spent > budget { throw TimeLimitExceeded() }

            var samples = [Double]()
            samples.reserveCapacity(sizes.count)
            var roundNanoseconds: UInt64 = 0
            let cpuStart = cpuClock.now()
            for size in sizes {
                let elapsed = try await window(session.takeCallIndices(size), size)
                samples.append(max(0, Double(elapsed) - overhead) / Double(size))
                roundNanoseconds &+= elapsed
                if spent &+ roundNanoseconds > budget { throw TimeLimitExceeded() }
            }
            let cpuEnd = cpuClock.now()
            let cpuIsResolvable = Double(roundNanoseconds) >= Self.minimumCPUReadsPerRound * calibration.cpuOverheadNanoseconds
            session.rounds.append(RoundMeasurement(
                samples: samples,
                iterations: configuration.iterations,
                cpuNanoseconds: cpuIsResolvable
                    ? max(0, Double(cpuEnd &- cpuStart) - calibration.cpuOverheadNanoseconds)
                    : nil,
                process: processIndex
            ))
        } catch is TimeLimitExceeded {
            let done = session.rounds.count
            session.fail(
                .timeLimit,
                "exceeded its time limit of \(Formatting.duration(configuration.timeLimit)) after \(done) of \(configuration.rounds) rounds",
                events
            )
        } catch {
            session.fail(.body, "threw in round \(session.rounds.count + 1): \(describe(error))", events)
        }
    }

    /// Chooses the batch size: doubles a trial window from one call until it lasts the batch
    /// target or reaches the round's iteration count. These calls are discarded like warmup.
    private func probe(
        _ session: Session,
        window: Window,
        overheadNanoseconds overhead: Double
    ) async throws -> TimingPlan {
        let configuration = session.entry.configuration
        switch configuration.timing {
        case .perCall:
            return TimingPlan(batchSize: 1, clockOverheadNanoseconds: overhead)
        case .batched(let size?):
            return TimingPlan(batchSize: min(size, configuration.iterations), clockOverheadNanoseconds: overhead)
        case .automatic, .batched(nil):
            let target = TimingPlan.batchTarget(clockOverheadNanoseconds: overhead)
            var count = 1
            while true {
                let elapsed = Double(try await window(session.takeCallIndices(count), count))
                if elapsed >= target || count >= configuration.iterations {
                    return TimingPlan.choose(
                        mode: configuration.timing,
                        nanosecondsPerCall: max(0, elapsed - overhead) / Double(count),
                        iterations: configuration.iterations,
                        clockOverheadNanoseconds: overhead
                    )
                }
                count = min(count * 2, configuration.iterations)
            }
        }
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
        let limit = members.map { $0.entry.configuration.timeLimit.nanoseconds }.max() ?? 0
        if let watchdog, let first = members.first {
            watchdog.arm(
                benchmark: first.entry.fullName,
                phase: phase,
                deadline: wallClock.now() &+ UInt64(clamping: limit),
                timeLimit: Duration.nanoseconds(limit)
            )
        }
        defer { watchdog?.disarm() }
        try await body()
    }

    private func arm(_ session: Session, phase: String, from start: UInt64) {
        guard let watchdog else { return }
        let limit = session.entry.configuration.timeLimit
        let budget = UInt64(clamping: limit.nanoseconds)
        let remaining = budget > session.elapsedNanoseconds ? budget - session.elapsedNanoseconds : 0
        watchdog.arm(benchmark: session.entry.fullName, phase: phase, deadline: start &+ remaining, timeLimit: limit)
    }

    private func finishPhase(_ session: Session, startedAt start: UInt64) {
        session.elapsedNanoseconds &+= wallClock.now() &- start
        watchdog?.disarm()
    }
}

extension Runner where WallClock == MonotonicClock, CPUClock == ProcessCPUClock {
    /// A runner on the system's monotonic and process CPU clocks.
    public init(watchdog: Watchdog? = nil, processIndex: Int = 0) {
        self.init(wallClock: MonotonicClock(), cpuClock: ProcessCPUClock(), watchdog: watchdog, processIndex: processIndex)
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
            failure: failure
        )
    }
}

/// A thrown error as people read it: its description, or its type when that says nothing.
func describe(_ error: any Error) -> String {
    let text = String(describing: error)
    return text.isEmpty ? String(reflecting: type(of: error)) : text
}

