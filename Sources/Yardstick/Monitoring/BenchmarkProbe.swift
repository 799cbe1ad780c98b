/// A benchmark as a ``MonitorProbe``: each sample runs it alone for one round of its plan's
/// counts and records a percentile of its per-call times, in nanoseconds. This is how
/// `bench monitor` samples benchmarks; a package can assemble the same monitor from Swift:
///
/// ```swift
/// let plan = try RunPlan(suites: [cacheSuite], filters: [],
///                        overrides: BenchmarkConfiguration(warmupIterations: 20, iterations: 200, rounds: 1))
/// let baseline = try ResultsFile.load(from: URL(fileURLWithPath: "baselines/default.json"))
/// let monitor = ThresholdMonitor()
/// await monitor.setThresholds(BaselineThresholds().thresholds(from: baseline))
/// for probe in await BenchmarkProbe.probes(of: BenchmarkProbe.all(in: plan), interval: .seconds(30), statistic: .p50) {
///     await monitor.register(probe)
/// }
/// await monitor.run()
/// ```
///
/// Keep the counts small (`bench monitor` uses one round of 200 calls): a sample holds up
/// every probe due after it. A benchmark checks its own time limit between timing windows; the
/// probe's timeout (the interval or the time limit, whichever is longer) is the backstop for a
/// call that never returns. A benchmark that fails, or measures nothing, records a failure.
public struct BenchmarkProbe: Sendable {
    /// The benchmark, with its configuration resolved.
    public let entry: RunPlan.Entry
    /// Its suite, whose setup and teardown run around each sample.
    public let suite: Suite

    /// The probe of `entry`, one of `plan`'s.
    public init(entry: RunPlan.Entry, of plan: RunPlan) {
        self.init(entry: entry, suite: plan.suites[entry.suiteIndex])
    }

    init(entry: RunPlan.Entry, suite: Suite) {
        self.entry = entry
        self.suite = suite
    }

    /// One probe per benchmark of `plan`, in the plan's order.
    public static func all(in plan: RunPlan) -> [BenchmarkProbe] {
        plan.entries.map { BenchmarkProbe(entry: $0, of: plan) }
    }

    /// The metric it records into: the benchmark's full name, `suite.benchmark`.
    public var name: String { entry.fullName }

    /// The probe, measuring with `runner`, sampled every `interval`, recording `statistic` of
    /// one round's per-call times. Give every probe the same runner with its clocks calibrated
    /// (as ``probes(of:interval:statistic:)`` does), or each sample calibrates them again.
    public func probe(runner: Runner<MonotonicClock, ProcessCPUClock>, interval: Duration, statistic: Percentile) -> MonitorProbe {
        let plan = RunPlan(single: entry, of: suite)
        return MonitorProbe(name, interval: interval, timeout: max(interval, entry.configuration.timeLimit)) {
            let measurement = await runner.run(plan)
            guard let benchmark = measurement.benchmarks.first else { throw Failure("nothing was measured") }
            let result = BenchmarkResult(benchmark, sampleCap: 1)
            if let failure = result.failure { throw Failure("\(failure.kind): \(failure.message)") }
            guard let summary = result.summary else { throw Failure("no samples") }
            return summary.percentiles[statistic]
        }
    }

    /// The probes of `benchmarks`, sharing one runner whose clocks are calibrated once, so
    /// that every sample of every benchmark subtracts the same clock cost. Allocations are not
    /// counted: a sample is a time.
    public static func probes(of benchmarks: [BenchmarkProbe], interval: Duration, statistic: Percentile) async -> [MonitorProbe] {
        guard !benchmarks.isEmpty else { return [] }
        let runner = await Runner(countsAllocations: false).calibrated()
        return benchmarks.map { $0.probe(runner: runner, interval: interval, statistic: statistic) }
    }

    /// Why a sample gave no value; its description is the probe's failure reason.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
