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
