/// How much a benchmark's round medians disagree with each other: the figure that says whether
/// its results are steady enough to gate on.
///
/// Round medians of a steady benchmark stay within a few percent of each other. A memory-bound
/// benchmark on a shared virtual machine can instead switch between speed levels far apart, in
/// one process or between processes; its round medians then fall into separate groups, which
/// ``clusters`` reports.
public struct RoundDispersion: Sendable, Hashable, Codable {
    /// Round medians summarised.
    public var rounds: Int
    /// The median absolute deviation of the round medians over their median: a robust relative
    /// spread (0.01 is 1%).
    public var relativeMedianAbsoluteDeviation: Double
    /// (largest − smallest round median) over their median.
    public var relativeRange: Double
    /// Present when the round medians fall into two separate groups.
    public var clusters: ClusterSplit?

    /// The smallest gap, relative to the median of all round medians, that separates two groups
    /// of round medians: twice the default tolerance, so that a jump between the groups alone
    /// would fail a 5% gate. On 41 measured processes an arithmetic benchmark's largest gap was
    /// 4.1%, while a memory-bound one's reached 73%.
    public static let clusterGapThreshold = 0.10

    /// Describes the spread of `roundMedians`, or `nil` when their median is not positive, where
    /// a relative spread means nothing. - Complexity: O(*n* log *n*).
    public init?(of roundMedians: Sample) {
        let median = roundMedians.median
        guard median > 0 else { return nil }
        rounds = roundMedians.count
        relativeMedianAbsoluteDeviation = roundMedians.medianAbsoluteDeviation / median
        relativeRange = (roundMedians.max - roundMedians.min) / median
        // Rounds 1e300 times their median apart have no spread a Double can state.
        guard relativeRange.isFinite, relativeMedianAbsoluteDeviation.isFinite else { return nil }
        clusters = ClusterSplit(of: roundMedians)
    }
}

/// Two groups of values separated by the widest gap in a sorted sample, reported when that gap
/// is at least ``RoundDispersion/clusterGapThreshold`` of the sample's median and each group
/// holds at least two values (a lone straggler is an outlier, not a level).
public struct ClusterSplit: Sendable, Hashable, Codable {
    /// Values in the faster (lower) group.
    public var lowerCount: Int
    /// Median of the lower group.
    public var lowerMedian: Double
    /// Values in the slower (upper) group.
    public var upperCount: Int
    /// Median of the upper group.
    public var upperMedian: Double
    /// The gap between the groups over the median of all values.
    public var relativeGap: Double

    /// The split of `sample` at its widest qualifying gap, or `nil` when there is none.
    public init?(of sample: Sample) {
        let values = sample.sorted
        let median = sample.median
        guard values.count >= 4, median > 0 else { return nil }
        var widest: (gap: Double, split: Int)?
        for split in 2...(values.count - 2) {
            let gap = values[split] - values[split - 1]
            if gap > (widest?.gap ?? 0) { widest = (gap, split) }
        }
        guard let widest, widest.gap / median >= RoundDispersion.clusterGapThreshold else { return nil }
        let lower = Sample(values[..<widest.split])!
        let upper = Sample(values[widest.split...])!
        guard lower.median > 0, (upper.median / lower.median).isFinite else { return nil }
        lowerCount = lower.count
        lowerMedian = lower.median
        upperCount = upper.count
        upperMedian = upper.median
        relativeGap = widest.gap / median
    }

    /// How many times slower the upper group is than the lower one.
    public var ratio: Double { upperMedian / lowerMedian }
}
