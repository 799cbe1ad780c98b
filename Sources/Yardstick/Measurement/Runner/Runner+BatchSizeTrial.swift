extension Runner {
    /// The timing plan of a benchmark about to run its first round: the one its configuration
    /// pins or a reused prior plan fixes, or else the one its batch-size trial chooses.
    ///
    /// The batch-size trial runs the warmup calls, then doubles a trial window from one call
    /// until it lasts the batch target or reaches the round's iteration count, then times that
    /// window three more times and keeps the fastest, so one preempted window cannot decide the
    /// timing mode. The trial's calls are discarded like warmup.
    func timingPlan(
        for session: BenchmarkSession,
        window: Window,
        calibration: ClockCalibration,
        budget: inout TimeBudget
    ) async throws -> TimingPlan {
        let configuration = session.entry.configuration
        let overhead = calibration.overheadNanoseconds
        if let plan = TimingPlan.withoutTrial(
            mode: configuration.timing,
            reusing: priorPlans?.reused(session.entry.fullName),
            iterations: configuration.iterations,
            clockOverheadNanoseconds: overhead
        ) {
            return plan
        }
        // The trial runs warm: cold, a body that reads a large fixture ran several times slower
        // than in its rounds (an LRU get over 10,000 entries: 700 ns against 100 ns), enough to
        // cross the batching threshold in some processes and not others.
        try await runWarmupBeforeTrial(session, window: window, calls: configuration.warmupIterations, calibration: calibration, budget: &budget)
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

    /// Runs `calls` warmup calls untimed before the batch size is known, in windows that double
    /// from one call while they last less than the batch target, each checked against the
    /// budget.
    private func runWarmupBeforeTrial(
        _ session: BenchmarkSession,
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
}
