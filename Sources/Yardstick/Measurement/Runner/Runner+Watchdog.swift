extension Runner {
    /// Runs a suite-level phase under the watchdog, with the largest time limit of its members.
    func guarded(_ members: [BenchmarkSession], phase: String, _ body: () async throws -> Void) async throws {
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

    /// Arms the watchdog for one of a benchmark's own phases, with what is left of its time
    /// limit.
    func arm(_ session: BenchmarkSession, phase: String, from start: UInt64) {
        guard let watchdog else { return }
        let limit = session.entry.configuration.timeLimit
        let remaining = limit.unsignedNanoseconds.subtractingSaturating(session.elapsedNanoseconds)
        watchdog.arm(benchmark: session.entry.fullName, phase: phase, deadline: start.addingSaturating(remaining), timeLimit: limit)
    }

    /// Counts a finished phase against the benchmark's time limit and disarms the watchdog.
    func finishPhase(_ session: BenchmarkSession, startedAt start: UInt64) {
        session.elapsedNanoseconds = session.elapsedNanoseconds.addingSaturating(wallClock.now() &- start)
        watchdog?.disarm()
    }
}
