extension Runner {
    /// One round's worth of calls with the allocation counter open (see the type's
    /// documentation, step 7).
    func countAllocations(_ session: BenchmarkSession, events: (RunEvent) -> Void) async {
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
}
