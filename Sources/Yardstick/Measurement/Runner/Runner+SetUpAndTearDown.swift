extension Runner {
    /// Sets up one benchmark, under its time limit.
    func setUp(_ session: BenchmarkSession, events: (RunEvent) -> Void) async {
        let start = wallClock.now()
        arm(session, phase: "set-up", from: start)
        defer { finishPhase(session, startedAt: start) }
        do {
            session.prepared = try await session.entry.benchmark.prepare()
        } catch {
            session.fail(.setUp, "set-up threw: \(describe(error))", events)
        }
    }

    /// Tears down one benchmark that was set up, under a time limit of its own the length of
    /// the benchmark's. A tear-down that throws fails only a benchmark that had not failed.
    func tearDown(_ session: BenchmarkSession, events: (RunEvent) -> Void) async {
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
}
