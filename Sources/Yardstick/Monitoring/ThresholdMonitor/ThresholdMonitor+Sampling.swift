import Foundation

extension ThresholdMonitor {
    /// Samples one probe now and records its outcome: a value, or a failure when it threw,
    /// timed out, or its last call, given up on at its timeout, has still not returned.
    ///
    /// - Returns: The outcome; `nil`, with nothing recorded, when there is no such probe, the
    ///   task is cancelled, or another caller's call of it is still within its timeout. A wait
    ///   cut short by cancellation returns ``ProbeOutcome/cancelled`` and records nothing.
    @discardableResult
    public func sample(probeNamed name: String) async -> ProbeOutcome? {
        guard let probe = probes[name]?.probe, !Task.isCancelled else { return nil }
        let call = runningProbes.withLock { running -> ProbeCallState? in
            if let state = running[name] { return state }
            running[name] = .inFlight
            return nil
        }
        let outcome: ProbeOutcome
        switch call {
        case nil:
            outcome = await ProbeCall.run(probe, clock: clock) { self.markReturned(name) }
            if case .timedOut = outcome { markAbandoned(name) }
        case .abandoned:
            outcome = .stillRunning
        case .inFlight:
            // Another caller is sampling it within its timeout: nothing is wrong, and its
            // outcome will be recorded by that caller.
            return nil
        }
        switch outcome {
        case .value(let value): record(value, for: name)
        // A stop is not the probe's failure.
        case .cancelled: break
        default: recordFailure(of: name, reason: outcome.failureDescription ?? "failed")
        }
        return outcome
    }

    /// Runs every registered probe's ``MonitorProbe/shutdown``, once, in name order.
    public func shutDownProbes() async {
        for name in probeNames {
            guard let shutdown = probes[name]?.probe.shutdown else { continue }
            probes[name]?.probe.shutdown = nil
            await shutdown()
        }
    }

    /// Samples every registered probe once, one after another in name order, so that probes
    /// that time work do not disturb each other.
    @discardableResult
    public func sampleAll() async -> [String: ProbeOutcome] {
        var outcomes: [String: ProbeOutcome] = [:]
        for name in probeNames {
            if Task.isCancelled { break }
            outcomes[name] = await sample(probeNamed: name)
        }
        return outcomes
    }

    /// Samples every probe whose time has come, one after another, earliest due first, then by
    /// name; a probe whose time passed while others ran is sampled in the same call, and its
    /// missed intervals are skipped, not made up. Probes named in `finished` are left alone:
    /// a run of N samples each stops sampling a probe that has its N while slower ones catch up.
    ///
    /// - Returns: The outcomes by probe name, as ``sample(probeNamed:)`` gives them.
    @discardableResult
    public func sampleDue(skipping finished: Set<String> = []) async -> [String: ProbeOutcome] {
        let now = clock.now
        let due = probes.filter { $0.value.due <= now && !finished.contains($0.key) }.sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }
        var outcomes: [String: ProbeOutcome] = [:]
        for (name, scheduled) in due {
            if Task.isCancelled { break }
            outcomes[name] = await sample(probeNamed: name)
            // A probe registered again while it was sampled keeps its new schedule.
            guard var current = probes[name], current.registration == scheduled.registration else { continue }
            current.due = scheduled.due.addingTimeInterval(scheduled.probe.interval.seconds)
            if current.due <= clock.now {
                current.due = clock.now.addingTimeInterval(scheduled.probe.interval.seconds)
            }
            probes[name] = current
        }
        return outcomes
    }

    /// When the next probe is due; `nil` with no probes.
    public var nextDue: Date? { nextDue(skipping: []) }

    /// When the next probe not in `finished` is due; `nil` when there is none.
    public func nextDue(skipping finished: Set<String>) -> Date? {
        probes.filter { !finished.contains($0.key) }.map(\.value.due).min()
    }

    private nonisolated func markReturned(_ name: String) {
        _ = runningProbes.withLock { $0.removeValue(forKey: name) }
    }

    private nonisolated func markAbandoned(_ name: String) {
        runningProbes.withLock { running in
            // Unless it returned in the meantime.
            if running[name] != nil { running[name] = .abandoned }
        }
    }
}
