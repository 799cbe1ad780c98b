extension Runner {
    /// Times `count` calls starting at a call index; the same shape for synchronous and
    /// asynchronous bodies, so the round logic is written once.
    typealias Window = (_ firstIndex: Int, _ count: Int) async throws -> UInt64

    func windowFunction(for window: PreparedBenchmark.Window) -> Window {
        let clock = wallClock
        switch window {
        case .synchronous(let timed):
            return { first, count in try timed(clock, first, count) }
        case .asynchronous(let timed):
            return { first, count in try await timed(clock, first, count) }
        }
    }

    /// One round of a benchmark (see the type's documentation, steps 4 to 6): its batch-size
    /// trial before the first, then warmup and timed windows. A round that runs out of time or
    /// throws fails the benchmark.
    func measureRound(_ session: BenchmarkSession, calibration: ClockCalibration, events: (RunEvent) -> Void) async {
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
                session.timing = try await timingPlan(for: session, window: window, calibration: calibration, budget: &budget)
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

    /// The timed part of a round: one window per size, each sample the window's time less the
    /// empty window's cost, over its calls; the CPU clock read once at each end. Returns the
    /// samples, the windows' total time, and the CPU time between the two reads, uncorrected.
    func timeWindows(
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

    /// Runs `calls` calls untimed, in windows of `chunk` calls, each checked against the budget.
    func runUntimed(_ session: BenchmarkSession, window: Window, calls: Int, chunk: Int, budget: inout TimeBudget) async throws {
        var remaining = calls
        while remaining > 0 {
            let count = min(chunk, remaining)
            try budget.spend(try await window(session.takeCallIndices(count), count))
            remaining -= count
        }
    }
}
