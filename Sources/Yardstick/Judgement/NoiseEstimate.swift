import Foundation

/// How far a benchmark can move with no code change, for one comparison: its minimum
/// detectable change, and the four sources it is the largest of. All are fractions of the
/// baseline (0.02 is ±2%).
///
/// - ``interval``: half the width of the 95% bootstrap interval of the ratio on a log scale
///   (ln(upper / lower) / 2): how precisely the two sides' round values pin the change down,
///   the same for a 10% change as for a 3x one.
/// - ``processes``: how far the per-process medians of a side measured in several processes
///   (a baseline made with `--processes`) lie from that side's centre, at most: where a new
///   process can land with no code change. One process cannot show it: on a shared 2-core VM a
///   memory-bound benchmark ran at 10.8 µs in some processes and 21.5 µs in others.
/// - ``history``: how far apart two processes of the same update have typically been: the
///   relative range of each earlier update's process medians (slowest over fastest, minus one),
///   median over the baseline's previous ``historyDepth`` history records. One update whose
///   processes all happened to run at one speed level then cannot make a benchmark look steadier
///   than it is, and a later process may run at any level seen. Ranges within each update are
///   used, never differences between updates, so a real change between updates does not count
///   as noise. Only the median gate has it: the history records process medians only.
/// - ``levels``: the ratio between the two groups of round values, minus one, inside any one
///   process whose rounds split into separate speed levels (see ``ClusterSplit``): a later
///   process may run wholly at the other level.
///
/// A side-by-side comparison, whose unit is the process, has one more: ``detectable``, the
/// smallest change its test finds 9 times in 10 (``DetectableChange``). When it is set, it is
/// the minimum detectable change; the other sources are kept for the record.
public struct NoiseEstimate: Sendable, Hashable, Codable {
    /// From the bootstrap interval.
    public var interval: Double
    /// From the spread between processes of this comparison's two sides.
    public var processes: Double
    /// From speed levels within a process.
    public var levels: Double
    /// From the spread between processes in the baseline's recent history.
    public var history: Double
    /// In a side-by-side comparison, the smallest change the test across processes finds with
    /// 90% power; at most ``DetectableChange/searchLimit`` (tenfold), where the search stops.
    public var detectable: Double?

    /// History records the ``history`` term looks at, newest first.
    public static let historyDepth = 10

    /// ``detectable`` when set; otherwise the largest of the four.
    public var minimumDetectableChange: Double { detectable ?? max(interval, processes, levels, history) }

    /// Whether every source is a finite number, as a results file must hold.
    var isFinite: Bool {
        [interval, processes, levels, history, detectable ?? 0].allSatisfy(\.isFinite)
    }

    /// Creates an estimate.
    public init(interval: Double, processes: Double, levels: Double, history: Double = 0, detectable: Double? = nil) {
        self.interval = interval
        self.processes = processes
        self.levels = levels
        self.history = history
        self.detectable = detectable
    }

    /// The estimate for round values grouped by process on each side, the ratio's interval,
    /// and the per-process medians of the baseline's recent updates (newest first).
    init(ratio: Estimate, baseline: [[Double]], current: [[Double]], historicalProcessMedians: [[Double]] = []) {
        interval = ratio.lower > 0 ? (log(ratio.upper) - log(ratio.lower)) / 2 : .infinity
        processes = max(Self.deviation(of: baseline), Self.deviation(of: current))
        levels = (baseline + current).compactMap { values in
            Sample(values).flatMap(ClusterSplit.init(of:)).map { $0.ratio - 1 }
        }.max() ?? 0
        let ranges = historicalProcessMedians.prefix(Self.historyDepth).compactMap { medians -> Double? in
            guard medians.count >= 2, let sample = Sample(medians), sample.min > 0 else { return nil }
            return sample.max / sample.min - 1
        }
        history = Sample(ranges)?.median ?? 0
    }

    /// How far, at most, the process medians of one side lie from the median of all its
    /// rounds, relative to it; 0 for fewer than two processes.
    private static func deviation(of processes: [[Double]]) -> Double {
        guard processes.count >= 2, let all = Sample(processes.joined()), all.median > 0 else { return 0 }
        let medians = processes.compactMap { Sample($0)?.median }
        return medians.map { abs($0 - all.median) }.max()! / all.median
    }

}
