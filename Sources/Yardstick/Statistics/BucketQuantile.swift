/// A quantile estimated from cumulative histogram buckets by linear interpolation within the
/// bucket that holds it, as Prometheus' `histogram_quantile` does (promql/quantile.go,
/// `BucketQuantile`), so that a monitor reading a service's histogram gets the figure a
/// Prometheus dashboard shows.
///
/// The rule: with N observations in all (the `+Inf` bucket's count), the rank is q × N; the
/// first bucket whose cumulative count reaches the rank holds the quantile, and it is placed
/// between that bucket's lower and upper bounds in proportion to the rank's position among the
/// bucket's own observations. The lowest bucket starts at 0 unless its upper bound is 0 or
/// below, when that bound is the answer; a rank beyond every finite bucket gives the highest
/// finite bound. Counts that decrease from one bucket to the next (a scrape racing
/// observations) are raised to the largest count below them.
///
/// ```swift
/// // 1 observation ≤ 0.05, 3 ≤ 0.1, 4 ≤ 0.5, 5 in all: the median lies in (0.05, 0.1].
/// BucketQuantile.estimate(0.5, buckets: [(0.05, 1), (0.1, 3), (0.5, 4), (.infinity, 5)])  // 0.0875
/// ```
public enum BucketQuantile {
    /// The `q` quantile (0 ... 1) of `buckets`, pairs of an upper bound and a cumulative count,
    /// in any order; `nil` when there is no answer: no `+Inf` bucket, fewer than two buckets,
    /// or no observations. Buckets sharing an upper bound are added together.
    ///
    /// - Complexity: O(n log n) for n buckets (a sort).
    public static func estimate(_ q: Double, buckets: [(upperBound: Double, count: Double)]) -> Double? {
        precondition((0...1).contains(q), "a quantile lies between 0 and 1")
        var merged: [(upperBound: Double, count: Double)] = []
        for bucket in buckets.sorted(by: { $0.upperBound < $1.upperBound }) {
            if let last = merged.last, last.upperBound == bucket.upperBound {
                merged[merged.count - 1].count += bucket.count
            } else {
                merged.append(bucket)
            }
        }
        guard merged.count >= 2, merged[merged.count - 1].upperBound == .infinity else { return nil }
        for index in merged.indices.dropFirst() where merged[index].count < merged[index - 1].count {
            merged[index].count = merged[index - 1].count
        }
        let observations = merged[merged.count - 1].count
        guard observations > 0 else { return nil }
        var rank = q * observations
        let finite = merged.dropLast()
        guard let holder = finite.firstIndex(where: { $0.count >= rank }) else {
            return finite[finite.count - 1].upperBound
        }
        if holder == 0 && merged[0].upperBound <= 0 { return merged[0].upperBound }
        var start = 0.0
        var count = merged[holder].count
        if holder > 0 {
            start = merged[holder - 1].upperBound
            count -= merged[holder - 1].count
            rank -= merged[holder - 1].count
        }
        return start + (merged[holder].upperBound - start) * (rank / count)
    }
}
