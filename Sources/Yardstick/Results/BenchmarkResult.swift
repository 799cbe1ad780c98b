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

    /// Summarises a measurement.
    public init(_ measurement: BenchmarkMeasurement, sampleCap: Int = defaultSampleCap) {
        self.init(
            name: measurement.name,
            suite: measurement.suite,
            configuration: measurement.configuration,
            failure: measurement.failure.map { Failure(kind: $0.kind, message: $0.message) },
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
}
