import Foundation
import Synchronization

/// Watches metrics against thresholds and raises alerts: the monitoring stage of the pipeline.
///
/// Values arrive from registered probes sampled on their intervals (``run()``), from
/// ``record(_:for:)`` calls, and from benchmark runs' verdicts (``ingest(_:policy:)``). Each
/// metric keeps a bounded time series (``MonitorRetention``) and, when it has a ``Threshold``,
/// an alert whose level follows its samples with hysteresis. Alert events go to every
/// ``alertEvents()`` stream; ``snapshot()`` is the dashboard.
///
/// Every time comes from the injected ``MonitorClock``, so tests drive a monitor with a
/// ``ManualMonitorClock`` and get the same alerts every run.
public actor ThresholdMonitor {
    /// The clock samples and alerts are stamped with.
    public nonisolated let clock: any MonitorClock
    /// How much history each metric keeps.
    public nonisolated let retention: MonitorRetention

    private var series: [String: TimeSeries] = [:]
    private var thresholds: [String: Threshold] = [:]
    private var valueAlerts: [String: AlertTracker] = [:]
    private var failureAlerts: [String: AlertTracker] = [:]
    private var verdictAlerts: [String: Alert] = [:]
    private var failures: [String: FailureRecord] = [:]
    private var probes: [String: ScheduledProbe] = [:]
    /// The sleeps of the ``run()`` loops waiting for their next probe, by loop.
    private var runLoopSleeps: [UInt64: Task<Void, any Error>] = [:]
    private var nextRunLoop: UInt64 = 0
    private var subscribers: [UInt64: AsyncStream<AlertEvent>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 0
    private var nextAlertID = 1
    private var nextRegistration: UInt64 = 0
    /// Probes whose call has not returned; touched from the calls' own tasks.
    private nonisolated let runningProbes = Mutex<[String: ProbeCallState]>([:])

    /// A call that has not returned: still within its timeout, or given up on.
    private enum ProbeCallState: Sendable {
        case inFlight
        case abandoned
    }

    private struct ScheduledProbe {
        var probe: MonitorProbe
        var due: Date
        /// Tells a registration from a later one of the same name.
        var registration: UInt64
    }

    private struct FailureRecord {
        var count = 0
        var last: String?
    }

    /// A monitor with no metrics yet.
    public init(retention: MonitorRetention = .init(), clock: any MonitorClock = SystemMonitorClock()) {
        self.retention = retention
        self.clock = clock
    }

    // MARK: Configuration

    /// Sets the threshold of its metric, replacing any earlier one; an alert in progress keeps
    /// its level until the new bands change it.
    public func setThreshold(_ threshold: Threshold) {
        thresholds[threshold.metric] = threshold
        valueAlerts[threshold.metric, default: AlertTracker(hysteresis: threshold.hysteresis)].update(threshold.hysteresis)
        failureAlerts[threshold.metric]?.update(threshold.hysteresis)
    }

    /// Sets several thresholds.
    public func setThresholds(_ thresholds: some Sequence<Threshold>) {
        for threshold in thresholds { setThreshold(threshold) }
    }

    /// The threshold of `metric`, if it has one.
    public func threshold(for metric: String) -> Threshold? { thresholds[metric] }

    /// Registers a probe, replacing one of the same name; it is first due now, and a ``run()``
    /// loop waiting for another probe's time samples it at once.
    public func register(_ probe: MonitorProbe) {
        nextRegistration += 1
        probes[probe.name] = ScheduledProbe(probe: probe, due: clock.now, registration: nextRegistration)
        // A run loop asleep until another probe's time wakes now to sample this one.
        for sleep in runLoopSleeps.values { sleep.cancel() }
    }

    /// The names of the registered probes, sorted.
    public var probeNames: [String] { probes.keys.sorted() }

    // MARK: Recording

    /// Records a value of `metric` at the clock's time and evaluates its threshold.
    ///
    /// A value that is not finite is recorded as a failure instead: it has no place in a band.
    /// - Returns: The alert event the value caused, if any.
    @discardableResult
    public func record(_ value: Double, for metric: String) -> AlertEvent? {
        guard value.isFinite else {
            return recordFailure(of: metric, reason: "returned a value that is not finite: \(value)")
        }
        let now = clock.now
        series[metric, default: TimeSeries(retention: retention)].append(value, at: now)
        _ = settleFailures(of: metric, failed: false, at: now)
        guard let threshold = thresholds[metric] else { return nil }
        var tracker = valueAlerts[metric] ?? AlertTracker(hysteresis: threshold.hysteresis)
        let event = tracker.observe(
            threshold.classify(value),
            at: now,
            describe: { state, alert in
                alert.value = value
                alert.band = threshold.band(for: state)
                alert.message = Self.breachMessage(value, state: state, threshold: threshold)
            },
            newAlert: { state, firstSeen in
                self.newAlert(metric: metric, level: state.alertLevel ?? .warning, source: .threshold, unit: threshold.unit, firstSeen: firstSeen)
            }
        )
        valueAlerts[metric] = tracker
        if let event { emit(event) }
        return event
    }

    /// Records that `metric` could not be measured: counted on the dashboard, and after as many
    /// failures in a row as its hysteresis fires on, a warning alert. It breaks the metric's
    /// value streaks: samples before and after a failure are not in a row.
    @discardableResult
    public func recordFailure(of metric: String, reason: String) -> AlertEvent? {
        let now = clock.now
        valueAlerts[metric]?.breakStreaks()
        failures[metric, default: FailureRecord()].count += 1
        failures[metric, default: FailureRecord()].last = reason
        series[metric, default: TimeSeries(retention: retention)].dropExpired(now: now)
        let event = settleFailures(of: metric, failed: true, at: now, reason: reason)
        return event
    }

    private func settleFailures(of metric: String, failed: Bool, at now: Date, reason: String = "") -> AlertEvent? {
        let hysteresis = thresholds[metric]?.hysteresis ?? Hysteresis()
        guard failed || failureAlerts[metric] != nil else { return nil }
        var tracker = failureAlerts[metric] ?? AlertTracker(hysteresis: hysteresis)
        let unit = thresholds[metric]?.unit ?? .plain
        let event = tracker.observe(
            failed ? .warning : .ok,
            at: now,
            describe: { _, alert in
                alert.message = "probe failing: \(reason)"
            },
            newAlert: { _, firstSeen in
                self.newAlert(metric: metric, level: .warning, source: .probeFailure, unit: unit, firstSeen: firstSeen)
            }
        )
        failureAlerts[metric] = tracker
        if let event { emit(event) }
        return event
    }

    // MARK: Probes

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
    /// missed intervals are skipped, not made up.
    ///
    /// - Returns: The outcomes by probe name, as ``sample(probeNamed:)`` gives them.
    @discardableResult
    public func sampleDue() async -> [String: ProbeOutcome] {
        let now = clock.now
        let due = probes.filter { $0.value.due <= now }.sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }
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
    public var nextDue: Date? { probes.values.map(\.due).min() }

    /// Samples each probe on its interval (see ``sampleDue()``) until `limits` are reached or
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
        while !Task.isCancelled {
            let outcomes = await sampleDue()
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
            var next = nextDue ?? .distantFuture
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

    private nonisolated func markReturned(_ name: String) {
        _ = runningProbes.withLock { $0.removeValue(forKey: name) }
    }

    private nonisolated func markAbandoned(_ name: String) {
        runningProbes.withLock { running in
            // Unless it returned in the meantime.
            if running[name] != nil { running[name] = .abandoned }
        }
    }

    // MARK: Verdicts

    /// Raises, changes or resolves one alert per benchmark from a run's verdicts: a regression
    /// or an exceeded budget is a warning, or critical when large (``VerdictAlertPolicy``); an
    /// error is critical; an improvement is an info notice; any other benchmark that fails the
    /// run's gate (missing, say) is a warning. A benchmark judged anything else resolves its
    /// verdict alert. Benchmarks the run did not judge keep theirs.
    @discardableResult
    public func ingest(_ judgement: RunJudgement, policy: VerdictAlertPolicy = .init()) -> [AlertEvent] {
        let now = clock.now
        var events: [AlertEvent] = []
        let failing = Set(judgement.failures.map(\.name))
        for benchmark in judgement.benchmarks {
            let assessment = policy.assess(benchmark, failsGate: failing.contains(benchmark.name))
            let existing = verdictAlerts[benchmark.name]
            switch (assessment, existing) {
            case (nil, nil):
                continue
            case (nil, var active?):
                active.resolvedAt = now
                verdictAlerts[benchmark.name] = nil
                events.append(AlertEvent(kind: .resolved, alert: active, at: now))
            case (let assessed?, nil):
                var alert = newAlert(metric: benchmark.name, level: assessed.level, source: .verdict, unit: .nanoseconds, firstSeen: now)
                alert.value = assessed.value
                alert.band = assessed.band
                alert.message = assessed.message
                if assessed.level == .info {
                    alert.resolvedAt = now
                    events.append(AlertEvent(kind: .notice, alert: alert, at: now))
                } else {
                    verdictAlerts[benchmark.name] = alert
                    events.append(AlertEvent(kind: .fired, alert: alert, at: now))
                }
            case (let assessed?, var active?):
                let previous = active.level
                active.value = assessed.value
                active.band = assessed.band
                active.message = assessed.message
                if assessed.level == .info {
                    active.resolvedAt = now
                    verdictAlerts[benchmark.name] = nil
                    events.append(AlertEvent(kind: .resolved, alert: active, at: now))
                    continue
                }
                active.level = assessed.level
                verdictAlerts[benchmark.name] = active
                if assessed.level > previous {
                    events.append(AlertEvent(kind: .escalated, alert: active, at: now))
                } else if assessed.level < previous {
                    events.append(AlertEvent(kind: .eased, alert: active, at: now))
                }
            }
        }
        for event in events { emit(event) }
        return events
    }

    // MARK: Alerts and the dashboard

    /// The active alerts, the most severe first, then the oldest.
    public var activeAlerts: [Alert] {
        let all = valueAlerts.values.compactMap(\.alert) + failureAlerts.values.compactMap(\.alert) + verdictAlerts.values
        return all.sorted { ($0.level, $1.firstSeen, $1.id) > ($1.level, $0.firstSeen, $0.id) }
    }

    /// A new stream of every alert event from now on. Each call makes its own subscriber; the
    /// stream keeps the newest 10,000 events a slow reader has not taken, and ends with
    /// ``finishAlertEvents()``.
    public func alertEvents() -> AsyncStream<AlertEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: AlertEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        nextSubscriber += 1
        let id = nextSubscriber
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// Ends every alert event stream, once their buffered events are read.
    public func finishAlertEvents() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func unsubscribe(_ id: UInt64) {
        subscribers[id] = nil
    }

    /// Every metric's latest value, window statistics, state and failures, with the active alerts.
    public func snapshot() -> DashboardSnapshot {
        let now = clock.now
        let names = Set(series.keys).union(thresholds.keys).union(failures.keys).union(verdictAlerts.keys).union(probes.keys)
        let metrics = names.sorted().map { name -> MetricSnapshot in
            var window = series[name]
            window?.dropExpired(now: now)
            let states = [valueAlerts[name]?.state, failureAlerts[name]?.state, verdictAlerts[name].map(\.level).map(MetricState.init)]
            return MetricSnapshot(
                name: name,
                unit: thresholds[name]?.unit ?? (verdictAlerts[name] != nil ? .nanoseconds : .plain),
                state: states.compactMap { $0 }.max() ?? .ok,
                latest: window?.latest?.value,
                latestAt: window?.latest?.time,
                window: window?.summary(),
                warning: thresholds[name]?.warning,
                critical: thresholds[name]?.critical,
                failures: failures[name]?.count ?? 0,
                lastFailure: failures[name]?.last
            )
        }
        return DashboardSnapshot(takenAt: now, retention: retention, metrics: metrics, activeAlerts: activeAlerts)
    }

    /// The series of `metric`, oldest point first; empty when it has none.
    public func points(of metric: String) -> [TimeSeries.Point] {
        var window = series[metric]
        window?.dropExpired(now: clock.now)
        return window?.points ?? []
    }

    // MARK: Helpers

    private func newAlert(metric: String, level: AlertLevel, source: AlertSource, unit: MetricUnit, firstSeen: Date) -> Alert {
        defer { nextAlertID += 1 }
        return Alert(id: nextAlertID, level: level, metric: metric, source: source, value: nil, band: nil, unit: unit, message: "", firstSeen: firstSeen, resolvedAt: nil)
    }

    private func emit(_ event: AlertEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    private static func breachMessage(_ value: Double, state: MetricState, threshold: Threshold) -> String {
        let formatted = threshold.unit.format(value)
        guard let band = threshold.band(for: state) else {
            return "\(formatted), inside its bands"
        }
        return "\(formatted) outside \(threshold.unit.format(band))"
    }
}

extension MetricState {
    /// The state an alert of `level` puts its metric in; info alerts leave it ok.
    init(_ level: AlertLevel) {
        switch level {
        case .info: self = .ok
        case .warning: self = .warning
        case .critical: self = .critical
        }
    }
}
