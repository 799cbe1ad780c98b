/// How a benchmark's calls are grouped into timing windows, chosen once per run after the first
/// warmup.
///
/// With a batch size of 1, every sample is one call's latency. With a larger batch size every
/// sample is the mean of a batch; the report marks such benchmarks as batched, because their
/// percentiles describe batch means, not single calls.
public struct TimingPlan: Sendable, Hashable {
    /// Calls per timing window; 1 means every call is timed alone.
    public var batchSize: Int
    /// The cost of an empty window, subtracted from every window.
    public var clockOverheadNanoseconds: Double
    /// The per-call time measured while choosing the plan, when one was measured.
    public var estimatedNanosecondsPerCall: Double?

    /// Creates a plan.
    public init(batchSize: Int, clockOverheadNanoseconds: Double, estimatedNanosecondsPerCall: Double? = nil) {
        self.batchSize = batchSize
        self.clockOverheadNanoseconds = clockOverheadNanoseconds
        self.estimatedNanosecondsPerCall = estimatedNanosecondsPerCall
    }

    /// Whether samples are batch means rather than single-call latencies.
    public var isBatched: Bool { batchSize > 1 }

    /// The shortest a batch should last: long enough that the clock's cost and its jitter are
    /// negligible (400 clock reads is 0.25% of the window before the overhead is subtracted), and
    /// at least 10 microseconds.
    static func batchTarget(clockOverheadNanoseconds: Double) -> Double {
        max(10_000, 400 * clockOverheadNanoseconds)
    }

    /// The plan for an operation measured at `nanosecondsPerCall`, under `mode`.
    static func choose(
        mode: TimingMode,
        nanosecondsPerCall: Double,
        iterations: Int,
        clockOverheadNanoseconds: Double
    ) -> TimingPlan {
        let batchSize: Int
        switch mode {
        case .perCall:
            batchSize = 1
        case .batched(let size?):
            batchSize = size
        case .automatic where nanosecondsPerCall >= Double(TimingMode.batchingThreshold.nanoseconds):
            batchSize = 1
        case .automatic, .batched(nil):
            let target = batchTarget(clockOverheadNanoseconds: clockOverheadNanoseconds)
            batchSize = Int((target / max(nanosecondsPerCall, 0.1)).rounded(.up))
        }
        return TimingPlan(
            batchSize: min(max(batchSize, 1), iterations),
            clockOverheadNanoseconds: clockOverheadNanoseconds,
            estimatedNanosecondsPerCall: nanosecondsPerCall
        )
    }

    /// The sizes of the windows for a round of `iterations` calls: as many batches of about
    /// ``batchSize`` as fit, sized evenly so that the round has exactly `iterations` calls.
    func windowSizes(iterations: Int) -> [Int] {
        let windows = max(1, iterations / batchSize)
        let base = iterations / windows
        let larger = iterations % windows
        return (0..<windows).map { $0 < larger ? base + 1 : base }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at `Int64` bounds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
