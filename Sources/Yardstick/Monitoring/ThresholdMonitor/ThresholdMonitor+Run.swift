import Foundation

extension ThresholdMonitor {
    /// Samples each probe on its interval (see ``sampleDue(skipping:)``) until `limits` are reached or
    /// the task is cancelled: the one scheduler of the library and of `bench monitor`.
    ///
    /// After each pass it hands `afterEachCycle` the outcomes and a fresh snapshot (taken only
    /// when there is an observer), then sleeps on the monitor's clock until the next probe is
    /// due or the duration ends. A probe registered while it sleeps wakes it at once. A
    /// cancellation during a pass ends the run without calling the observer: that pass was
    /// partial, and a caller that stops a run writes its final state itself.
    ///
    /// ```swift
    /// let run = Task {
    ///     await monitor.run(until: MonitorRunLimits(samplesPerProbe: 3)) { cycle in
    ///         writer.write(cycle.snapshot)
    ///     }
    /// }
    /// await run.value
    /// ```
    public func run(
        until limits: MonitorRunLimits = .none,
        afterEachCycle observer: (@Sendable (MonitorCycle) async -> Void)? = nil
    ) async {
        let end = limits.duration.map { clock.now.addingTimeInterval($0.seconds) }
        var samplesTaken: [String: Int] = [:]
        // The most samples every probe has had; a probe registered later starts again at 0.
        var mostCompleted = 0
        // A probe that has its samples waits for the others instead of taking more: under
        // load, a fast probe would otherwise take an extra one before the slowest finished.
        var finished: Set<String> {
            guard let count = limits.samplesPerProbe else { return [] }
            return Set(samplesTaken.filter { $0.value >= count }.keys)
        }
        while !Task.isCancelled {
            let outcomes = await sampleDue(skipping: finished)
            for name in outcomes.keys { samplesTaken[name, default: 0] += 1 }
            if Task.isCancelled { return }
            let completed = probeNames.map { samplesTaken[$0] ?? 0 }.min() ?? 0
            let completesASample = completed > mostCompleted
            mostCompleted = max(mostCompleted, completed)
            if let observer {
                await observer(MonitorCycle(outcomes: outcomes, completedSamples: completed, completesASample: completesASample, snapshot: snapshot()))
            }
            if let count = limits.samplesPerProbe, completed >= count { return }
            // With no probes, sleep until one is registered, the run's end, or a cancellation.
            var next = nextDue(skipping: finished) ?? .distantFuture
            if let end {
                if clock.now >= end { return }
                next = min(next, end)
            }
            if next > clock.now { await sleepUntilRegistration(orUntil: next) }
            if let end, clock.now >= end { return }
        }
    }

    /// Sleeps until `deadline` in a task of its own that ``register(_:)`` and the caller's
    /// cancellation cut short.
    private func sleepUntilRegistration(orUntil deadline: Date) async {
        nextRunLoop += 1
        let loop = nextRunLoop
        let clock = clock
        let sleep = Task { try await clock.sleep(until: deadline) }
        runLoopSleeps[loop] = sleep
        await withTaskCancellationHandler {
            _ = try? await sleep.value
        } onCancel: {
            sleep.cancel()
        }
        runLoopSleeps[loop] = nil
    }
}
