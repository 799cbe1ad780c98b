import Foundation

/// One benchmark's results: its configuration, how it was timed, statistics of its samples,
/// its round medians, and a capped copy of its raw samples. A failed benchmark has a
/// ``failure`` and is an error whatever else it holds.
public struct BenchmarkResult: Sendable {
    /// Raw samples kept per benchmark unless told otherwise.
    public static let defaultSampleCap = 1_000

    /// The full name, `suite.benchmark`.
    public var name: String
    /// The suite's name.
    public var suite: String
    /// The configuration it ran with.
    public var configuration: ResolvedConfiguration
    /// Why it failed; `nil` when it completed.
    public var failure: Failure?
    /// Calls per timing window: 1 when every call was timed alone; samples are batch means
    /// otherwise. `nil` when it failed before measuring. This is the benchmark's timing plan,
    /// which runs against these results as a baseline reuse (see ``PriorTimingPlans``).
    public var batchSize: Int?
    /// Statistics of every sample, in nanoseconds per call.
    public var summary: Summary?
    /// The median over rounds of the process's CPU time per call, in nanoseconds. Above the wall
    /// time when the body keeps several cores busy; `nil` when no round was long enough to
    /// measure it.
    public var cpuNanosecondsPerCall: Double?
    /// Units per second at the median time per call.
    public var throughput: ThroughputFigure?
    /// Each completed round, in the order it ran; read from a compact file (see
    /// ``ResultsForm/compact``), grouped by process in ascending order and in run order within
    /// each process, which is the order judging groups them in anyway.
    public var rounds: [RoundRecord]
    /// The spread of the round medians; `nil` when there are none.
    public var dispersion: RoundDispersion?
    /// Raw samples, evenly thinned to at most ``RecordedSamples/cap``; none from a compact file,
    /// which keeps only how many there were.
    public var samples: RecordedSamples
    /// Wall time of its own set-up, batch-size trial, warmups and rounds, in seconds; summed over
    /// processes when several measured it. Absent from files written before it was recorded.
    public var elapsedSeconds: Double?
    /// Allocations and bytes of its counting pass, one entry per process
    /// that counted; `nil` when it was not counted (it failed, counting is unavailable on this
    /// platform, or the file predates counting).
    public var counts: [AllocationCounts]?

    /// Why a benchmark failed.
    public struct Failure: Sendable, Hashable, Codable {
        /// The stage: `suite-set-up`, `set-up`, `body`, `time-limit` or `tear-down`.
        public var kind: String
        /// A one-line explanation.
        public var message: String
    }

    /// Whether every sample is the mean of a batch rather than one call's latency.
    public var isBatched: Bool { (batchSize ?? 1) > 1 }

    /// The round medians in run order.
    public var roundMedians: [Double] { rounds.map(\.median) }

    /// The median of the round medians: the figure comparisons use and reports print as p50.
    public var medianOfRoundMedians: Double? { Sample(roundMedians)?.median }

    /// The run's value of `metric` for budgets: a wall-time percentile or the mean of all
    /// samples, or the median over rounds of CPU time per call. A batched benchmark's mean is
    /// that of its batch means: the mean per call, weighted a little off by a round's last
    /// batch when it is shorter.
    public func value(of metric: Metric) -> Double? {
        switch metric {
        case .wallTime(let percentile): summary?.percentiles[percentile]
        case .mean: summary?.mean
        case .cpuTime: cpuNanosecondsPerCall
        default: counterValues(of: metric).max()
        }
    }

    /// A counter's value in each process that counted it (see ``AllocationCounts/value(of:)``).
    public func counterValues(of metric: Metric) -> [Double] {
        (counts ?? []).compactMap { $0.value(of: metric) }
    }

    /// The median over processes of a counter, for reports; `nil` when it was not counted.
    public func counterMedian(of metric: Metric) -> Double? {
        Sample(counterValues(of: metric))?.median
    }

    /// Its budgets, checked against this result. A counter's budget holds the largest value
    /// any process counted.
    var budgetChecks: [BudgetCheck] {
        configuration.budgets.map { BudgetCheck(metric: $0.metric, limit: $0.limit, value: value(of: $0.metric)) }
    }

    /// Its counter gates judged against `baseline`'s counts; empty when either was not counted.
    func counterComparisons(against baseline: BenchmarkResult) -> [CounterComparison] {
        guard let current = counts, let previous = baseline.counts else { return [] }
        return configuration.counterGates.compactMap { CounterComparison.compare($0, baseline: previous, current: current) }
    }

    /// Summarises a measurement.
    public init(_ measurement: BenchmarkMeasurement, sampleCap: Int = defaultSampleCap) {
        self.init(
            name: measurement.name,
            suite: measurement.suite,
            configuration: measurement.configuration,
            failure: measurement.failure.map { Failure(kind: $0.kind.rawValue, message: $0.message) },
            batchSize: measurement.timing?.batchSize,
            rounds: measurement.rounds.compactMap(RoundRecord.init),
            samples: measurement.rounds.flatMap(\.samples),
            sampleCap: sampleCap,
            elapsedSeconds: Double(measurement.elapsedNanoseconds) / 1e9,
            counts: measurement.counts.map { [$0] }
        )
    }

    /// Assembles a result from its parts, computing the statistics of `samples` (all of them,
    /// before thinning to `sampleCap`).
    init(
        name: String,
        suite: String,
        configuration: ResolvedConfiguration,
        failure: Failure?,
        batchSize: Int?,
        rounds: [RoundRecord],
        samples all: [Double],
        sampleCap: Int,
        totalSamples: Int? = nil,
        elapsedSeconds: Double? = nil,
        counts: [AllocationCounts]? = nil
    ) {
        self.name = name
        self.suite = suite
        self.configuration = configuration
        self.failure = failure
        self.batchSize = batchSize
        self.rounds = rounds
        self.elapsedSeconds = elapsedSeconds
        self.counts = counts
        samples = RecordedSamples(all, cap: sampleCap)
        samples.total = totalSamples ?? all.count
        cpuNanosecondsPerCall = Sample(rounds.compactMap(\.cpuNanosecondsPerCall))?.median
        if let sample = Sample(all) {
            let summary = Summary(of: sample)
            self.summary = summary
            throughput = ThroughputFigure(configuration.throughput, nanosecondsPerCall: summary.percentiles.p50)
        }
        dispersion = Sample(rounds.map(\.median)).flatMap(RoundDispersion.init(of:))
    }

    /// One benchmark measured by several processes, as one result: rounds in order, each
    /// tagged with the index of its part as its process; statistics over every part's recorded
    /// samples; the first failure, naming its process. Parts should record every sample
    /// (a large sample cap) for the statistics to cover all of them.
    static func merging(_ parts: [(process: Int, result: BenchmarkResult)], sampleCap: Int) -> BenchmarkResult {
        let first = parts[0].result
        var failure = parts.lazy.compactMap { process, result in
            result.failure.map { Failure(kind: $0.kind, message: "process \(process + 1): \($0.message)") }
        }.first
        let modes = parts.filter { $0.result.failure == nil }.map { ($0.process + 1, $0.result.isBatched) }
        if failure == nil, Set(modes.map(\.1)).count > 1 {
            let describe = { (batched: Bool) in modes.filter { $0.1 == batched }.map { "\($0.0)" }.joined(separator: ", ") }
            failure = Failure(
                kind: "timing",
                message: "processes disagreed on its timing mode (one call at a time in \(describe(false)), in batches in "
                    + "\(describe(true))): its calls take about the batching threshold; pin `timing: .perCall` or `.batched`"
            )
        }
        return BenchmarkResult(
            name: first.name,
            suite: first.suite,
            configuration: first.configuration,
            failure: failure,
            batchSize: parts.lazy.compactMap(\.result.batchSize).first,
            rounds: parts.flatMap { process, result in
                result.rounds.map { round in
                    var round = round
                    round.process = process
                    return round
                }
            },
            samples: parts.flatMap(\.result.samples.values),
            sampleCap: sampleCap,
            totalSamples: parts.map(\.result.samples.total).reduce(0, +),
            elapsedSeconds: parts.compactMap(\.result.elapsedSeconds).reduce(0, +),
            counts: parts.allSatisfy { $0.result.counts == nil } ? nil : parts.flatMap { process, result in
                (result.counts ?? []).map { counts in
                    var counts = counts
                    counts.process = process
                    return counts
                }
            }
        )
    }
}

/// One round as recorded: its median, usually its other percentiles, and what they were
/// measured from.
///
/// A run's results keep every percentile of every round; a compact baseline keeps only what
/// judging needs (see ``ResultsForm/compact``), which for most benchmarks is the median alone.
public struct RoundRecord: Sendable, Hashable {
    /// The median of the round's samples, in nanoseconds per call, at full precision.
    public var median: Double {
        // Kept equal to `percentiles.p50` whichever of the two is set; the guard ends the
        // exchange between the two observers.
        didSet {
            if var kept = percentiles, kept.p50 != median {
                kept.p50 = median
                percentiles = kept
            }
        }
    }
    /// Percentiles of the round's samples, in nanoseconds per call, at full precision; `nil`
    /// when a compact file kept only the ``median``. When present, its p50 is the median.
    public var percentiles: Percentiles? {
        didSet { if let p50 = percentiles?.p50, p50 != median { median = p50 } }
    }
    /// Calls timed.
    public var iterations: Int
    /// Samples (timing windows) the median was taken over.
    public var samples: Int
    /// The process's CPU time per call during the round; `nil` when the round was too short
    /// to measure it, or when a compact file did not keep it.
    public var cpuNanosecondsPerCall: Double?
    /// The process that measured it (0 for the first).
    public var process: Int

    /// The round's value of `metric`, or `nil` when the round did not measure it (CPU time of a
    /// round too short to resolve it) or its file did not keep it (a percentile other than the
    /// median in a compact file).
    public func value(of metric: Metric) -> Double? {
        switch metric {
        case .wallTime(.p50): median
        case .wallTime(let percentile): percentiles?[percentile]
        case .cpuTime: cpuNanosecondsPerCall
        default: nil
        }
    }

    /// Creates a record from a measured round, or `nil` when the round has no valid sample.
    public init?(_ round: RoundMeasurement) {
        guard let sample = Sample(round.samples) else { return nil }
        let percentiles = Percentiles(of: sample)
        self.percentiles = percentiles
        median = percentiles.p50
        iterations = round.iterations
        samples = sample.count
        cpuNanosecondsPerCall = round.cpuNanoseconds.map { $0 / Double(round.iterations) }
        process = round.process
    }
}

/// A rate derived from a time per call: operations or bytes per second.
public struct ThroughputFigure: Sendable, Hashable, Codable {
    /// `ops` or `B`.
    public var unit: String
    /// Units per second.
    public var perSecond: Double

    /// The rate at `nanosecondsPerCall`, or `nil` when that is zero (too fast to resolve) or so
    /// small that the rate overflows.
    public init?(_ throughput: Throughput, nanosecondsPerCall: Double) {
        let rate = throughput.rate(nanosecondsPerCall: nanosecondsPerCall)
        guard nanosecondsPerCall > 0, rate.isFinite else { return nil }
        unit = throughput.unitSymbol
        perSecond = rate
    }
}

/// Raw samples, thinned evenly when there are more than the cap, in the order measured.
public struct RecordedSamples: Sendable, Hashable {
    /// The kept samples, nanoseconds per call.
    public var values: [Double]
    /// How many samples were measured in all.
    public var total: Int
    /// The most that are kept.
    public var cap: Int

    /// Keeps every *k*-th of `all` (the smallest *k* that fits the cap), so the kept samples
    /// span the whole run. Values are kept at full precision, so that statistics recomputed from
    /// a file agree with the ones it reports.
    public init(_ all: [Double], cap: Int) {
        let stride = all.count <= cap ? 1 : (all.count + cap - 1) / max(cap, 1)
        values = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }
        total = all.count
        self.cap = cap
    }
}
