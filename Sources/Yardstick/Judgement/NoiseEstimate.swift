/// How large a change one comparison can tell from noise: its minimum detectable change, and
/// the three sources it is the largest of. All are fractions of the baseline (0.02 is ±2%).
///
/// - ``interval``: half the width of the 95% bootstrap interval of the change: how precisely
///   the two sides' round values pin the ratio down.
/// - ``processes``: half the relative range of the per-process medians, on the side that
///   recorded several processes (a baseline made with `--processes`): how far a new process can
///   land from another with no code change. One process cannot show it: on a shared 2-core VM a
///   memory-bound benchmark ran at 10.8 µs in some processes and 21.5 µs in others.
/// - ``history``: the same half-range, typical of the baseline's recent updates (the median over
///   its last ``historyDepth`` history records), so that one update whose processes happened to
///   agree does not make a benchmark look steadier than it is. Spreads within each update are
///   used, never differences between updates, so a real change between updates does not count
///   as noise. Only the median gate has it: the history records process medians only.
/// - ``levels``: half the ratio between the two groups of round values inside any one process
///   whose rounds split into separate speed levels (see ``ClusterSplit``).
///
/// On 41 measured processes, calling a benchmark *noisy* when this exceeds the tolerance, and
/// otherwise requiring a change to clear the tolerance by more than it, gave no false
/// regression for an arithmetic benchmark that drifts 3-5% between processes, detected every
/// 10% slowdown, and made a memory-bound benchmark that switches between levels 1.7x apart
/// always *noisy*.
public struct NoiseEstimate: Sendable, Hashable, Codable {
    /// From the bootstrap interval.
    public var interval: Double
    /// From the spread between processes.
    public var processes: Double
    /// From speed levels within a process.
    public var levels: Double
    /// From the spread between processes in the baseline's recent history.
    public var history: Double

    /// History records the ``history`` term looks at, newest first.
    public static let historyDepth = 10

    /// The largest of the four.
    public var minimumDetectableChange: Double { max(interval, processes, levels, history) }

    /// Which source sets the minimum detectable change, in words.
    public var dominantSource: String {
        switch minimumDetectableChange {
        case levels where levels > 0: "round values split into speed levels within a process"
        case processes where processes > 0: "process medians differ"
        case history where history > 0: "process medians differed in recent baselines"
        default: "round values vary"
        }
    }

    /// Creates an estimate.
    public init(interval: Double, processes: Double, levels: Double, history: Double = 0) {
        self.interval = interval
        self.processes = processes
        self.levels = levels
        self.history = history
    }

    /// The estimate for round values grouped by process on each side, the change's interval,
    /// and the per-process medians of the baseline's recent updates (newest first).
    init(change: Estimate, baseline: [[Double]], current: [[Double]], historicalProcessMedians: [[Double]] = []) {
        interval = change.halfWidth
        processes = max(Self.spread(of: baseline.compactMap { Sample($0)?.median }), Self.spread(of: current.compactMap { Sample($0)?.median }))
        levels = (baseline + current).compactMap { values in
            Sample(values).flatMap(ClusterSplit.init(of:)).map { ($0.ratio - 1) / 2 }
        }.max() ?? 0
        let spreads = historicalProcessMedians.prefix(Self.historyDepth).filter { $0.count >= 2 }.map(Self.spread(of:))
        history = Sample(spreads)?.median ?? 0
    }

    /// Half the relative range of per-process medians; 0 for fewer than two processes.
    private static func spread(of medians: [Double]) -> Double {
        guard medians.count >= 2, let sample = Sample(medians), sample.median > 0 else { return 0 }
        return (sample.max - sample.min) / sample.median / 2
    }
}
