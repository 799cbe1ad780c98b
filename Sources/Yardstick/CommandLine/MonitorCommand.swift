import Foundation

/// `bench monitor`: samples the selected benchmarks (with small counts) and the command's
/// probes every interval, holds them to thresholds derived from a baseline, sends alert events
/// to the sinks, and keeps the dashboard and Prometheus files current.
struct MonitorCommand {
    let options: MonitorOptions
    let suites: [Suite]
    let probes: [MonitorProbe]
    let probeThresholds: [Threshold]
    var clock: any MonitorClock = SystemMonitorClock()
    /// Where the PagerDuty routing key is read from.
    var environment = ProcessInfo.processInfo.environment
    /// Where a stop request comes from: SIGINT and SIGTERM, or a test.
    var listenForStop: StopListener = StopSignals.listen

    /// How long a stopping monitor waits for its sinks to deliver what is queued.
    static let drainLimit: Duration = .seconds(10)

    func execute(console: Console) async throws(CommandLineError) -> ExitCode {
        let filters = options.filters
        let live = try LiveMonitorPlan(options.live, interval: options.interval)
        // Endpoints alone, without a filter, mean just them: no benchmark is measured.
        let selectedProbes = options.watchesOnlyEndpoints ? [] : selectedProbes(filters)
        let selected = options.watchesOnlyEndpoints
            ? [] : try selectedBenchmarks(filters, probesSelected: !selectedProbes.isEmpty)
        let baseline = try options.baseline.load(from: options.baselinesDirectory)
        let ingested = try loadIngested()
        let webhookFormat = try options.alerting.webhookFormat(environment: environment)
        if !selected.isEmpty { warnIfDebugBuild(console) }

        let monitor = ThresholdMonitor(retention: options.retention, clock: clock)
        let benchmarkNames = Set(selected.map(\.name))
        let thresholds = (baseline.map { options.thresholds.thresholds(from: $0.results) } ?? [])
            .filter { benchmarkNames.contains($0.metric) }
        // A benchmark outside the baseline gets no bands, only its unit, so it prints as time.
        let unjudged = benchmarkNames.subtracting(thresholds.map(\.metric))
        let probeNames = Set(selectedProbes.map(\.name))
        // The probes' bands are their own; how many samples confirm a change is the command's.
        let others = unjudged.map { Threshold(metric: $0, unit: .nanoseconds) } + probeThresholds.filter { probeNames.contains($0.metric) }
        let derived = (thresholds + others + live.seriesThresholds).map { threshold in
            var threshold = threshold
            threshold.hysteresis = options.thresholds.hysteresis
            return threshold
        }
        await monitor.setThresholds(try LiveMonitorPlan.applying(
            options.live.thresholds, to: derived,
            recorded: benchmarkNames.union(probeNames).union(live.seriesThresholds.map(\.metric)),
            hysteresis: options.thresholds.hysteresis
        ))
        for probe in await BenchmarkProbe.probes(of: selected, interval: options.interval, statistic: options.thresholds.sampleStatistic) {
            await monitor.register(probe)
        }
        for probe in selectedProbes { await monitor.register(probe) }
        for probe in live.probes(recording: monitor.seriesRecorder, clock: clock) { await monitor.register(probe) }

        let outputs = MonitorOutputs(options: options, webhookFormat: webhookFormat, console: console)
        await outputs.startDelivering(from: monitor)
        if selected.isEmpty {
            // Nothing to hold to a baseline's bands.
        } else if let baseline {
            let missing = unjudged.sorted()
            progress(console, "thresholds from \(baseline.path) (\(options.thresholds.percentile.rawValue), \(thresholds.count) benchmarks)"
                + (missing.isEmpty ? "" : "; not in it, so only recorded: \(missing.joined(separator: ", "))"))
        } else {
            progress(console, "no baseline: benchmarks are recorded and shown, not held to thresholds")
        }
        if let ingested { await monitor.ingest(ingested) }

        let limits = MonitorRunLimits(samplesPerProbe: options.count, duration: options.duration)
        let count = options.count, isQuiet = options.isQuiet
        let loop = Task {
            await monitor.run(until: limits) { cycle in
                outputs.write(cycle.snapshot)
                guard cycle.completesASample, !isQuiet else { return }
                let of = count.map { " of \($0)" } ?? ""
                console.error("monitor: sample \(cycle.completedSamples)\(of): \(MonitorTable.stateCounts(cycle.snapshot))\n")
            }
        }
        // Listening until the end: a first stop request ends the sampling; a second one, during
        // the final writes, ends the process.
        let stopListening = listenForStop { loop.cancel() }
        defer { stopListening() }
        await loop.value
        await monitor.shutDownProbes()

        // The final snapshot is written outside the cancelled task, so the stop cannot cut it short.
        let final = await monitor.snapshot()
        outputs.write(final)
        await monitor.finishAlertEvents()
        await outputs.finish(within: Self.drainLimit)
        console.output(MonitorTable(final).render())
        if !selected.isEmpty { warnIfDebugBuild(console) }
        return final.activeAlerts.contains { $0.level >= .warning } ? .failure : .success
    }

    private func progress(_ console: Console, _ line: String) {
        if !options.isQuiet { console.error("monitor: \(line)\n") }
    }

    /// The benchmarks the filters select; an error when neither they nor any probe is selected.
    private func selectedBenchmarks(_ filters: FilterList, probesSelected: Bool) throws(CommandLineError) -> [BenchmarkProbe] {
        let plan: RunPlan
        do {
            plan = try RunPlan(suites: suites, filters: filters.filters, overrides: options.overrides)
        } catch {
            throw .usage(error.description)
        }
        if plan.entries.isEmpty && !probesSelected {
            let quoted = options.filters.patterns.map { "'\($0)'" }.joined(separator: ", ")
            throw .usage(options.filters.isEmpty
                ? "nothing to monitor: no benchmarks or probes are registered"
                : "no benchmark or probe matches --filter \(quoted) ('bench list' shows the names)")
        }
        return BenchmarkProbe.all(in: plan)
    }

    /// The probes the filters select, sampled at the command's interval.
    private func selectedProbes(_ filters: FilterList) -> [MonitorProbe] {
        probes
            .filter { filters.matches($0.name) }
            .map { probe in
                var probe = probe
                probe.interval = options.interval
                probe.timeout = min(probe.timeout, options.interval)
                return probe
            }
    }

    private func loadIngested() throws(CommandLineError) -> RunJudgement? {
        guard let path = options.ingest else { return nil }
        let judgement: RunJudgement?
        do {
            judgement = try ResultsFile.loadJudged(from: URL(fileURLWithPath: path)).judgement
        } catch {
            throw .input(error.description)
        }
        guard let judgement else {
            throw .input("\(path): --ingest needs a judged run, and this one was not judged against a baseline")
        }
        return judgement
    }
}
