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

    /// The plan of a benchmark that needs no batch-size trial, or `nil` when it needs one: a mode
    /// pinned in code (`.perCall`, `.batched(size: n)`) wins; otherwise a batch size `reused`
    /// from a plan decided before (the baseline's, or this run's first process's, see
    /// ``PriorTimingPlans``) is taken as it is, so the mode cannot follow the machine's speed of
    /// the moment. A benchmark pinned to batches of a size chosen automatically reuses only a
    /// batched size, so that every process of a run times it in windows of one size.
    static func withoutTrial(
        mode: TimingMode,
        reusing reused: Int?,
        iterations: Int,
        clockOverheadNanoseconds: Double
    ) -> TimingPlan? {
        let batchSize: Int
        switch (mode, reused) {
        case (.perCall, _):
            batchSize = 1
        case (.batched(let size?), _):
            batchSize = size
        case (.automatic, let size?):
            batchSize = size
        case (.batched(nil), let size?) where size > 1:
            batchSize = size
        case (.automatic, nil), (.batched(nil), _):
            return nil
        }
        return TimingPlan(
            batchSize: evenBatchSize(near: batchSize, iterations: iterations),
            clockOverheadNanoseconds: clockOverheadNanoseconds
        )
    }

    /// The plan for an operation measured at `nanosecondsPerCall`, under `mode`.
    ///
    /// An ``TimingMode/automatic`` benchmark with a `previous` batch size (the previous
    /// baseline's, when `bench baseline update` re-records it) keeps it while the estimate stays
    /// inside ``TimingMode/hysteresisBand`` on that mode's side; beyond it, the mode and the
    /// batch size are chosen afresh.
    static func choose(
        mode: TimingMode,
        nanosecondsPerCall: Double,
        iterations: Int,
        clockOverheadNanoseconds: Double,
        keeping previous: Int? = nil
    ) -> TimingPlan {
        let batchSize: Int
        switch mode {
        case .perCall:
            batchSize = 1
        case .batched(let size?):
            batchSize = size
        case .automatic where previous.map { keeps(previousBatchSize: $0, nanosecondsPerCall: nanosecondsPerCall) } == true:
            batchSize = previous!
        case .automatic where nanosecondsPerCall >= Double(TimingMode.batchingThreshold.nanoseconds):
            batchSize = 1
        case .automatic, .batched(nil):
            let target = batchTarget(clockOverheadNanoseconds: clockOverheadNanoseconds)
            batchSize = Int((target / max(nanosecondsPerCall, 0.1)).rounded(.up))
        }
        return TimingPlan(
            batchSize: evenBatchSize(near: batchSize, iterations: iterations),
            clockOverheadNanoseconds: clockOverheadNanoseconds,
            estimatedNanosecondsPerCall: nanosecondsPerCall
        )
    }

    /// Whether a call estimated at `nanosecondsPerCall` keeps a previous plan: batched until the
    /// estimate exceeds the band's upper bound, per call until it falls under its lower bound.
    static func keeps(previousBatchSize: Int, nanosecondsPerCall: Double) -> Bool {
        let band = TimingMode.hysteresisBand
        return previousBatchSize > 1
            ? nanosecondsPerCall <= Double(band.upperBound.nanoseconds)
            : nanosecondsPerCall >= Double(band.lowerBound.nanoseconds)
    }

    /// The size of the largest window when a round of `iterations` calls is cut into the whole
    /// number of even windows closest to `size` each, so that the plan reports the windows that
    /// are really timed.
    static func evenBatchSize(near size: Int, iterations: Int) -> Int {
        let size = min(max(size, 1), iterations)
        let windows = max(1, Int((Double(iterations) / Double(size)).rounded()))
        return (iterations + windows - 1) / windows
    }

    /// The sizes of the windows for a round of `iterations` calls: the fewest windows of at most
    /// ``batchSize`` calls, sized evenly so that the round has exactly `iterations` calls.
    func windowSizes(iterations: Int) -> [Int] {
        let windows = max(1, (iterations + batchSize - 1) / batchSize)
        let base = iterations / windows
        let larger = iterations % windows
        return (0..<windows).map { $0 < larger ? base + 1 : base }
    }
}
