import Foundation

/// The smallest change a two-sample comparison would catch, found from the comparison's own
/// data rather than from an assumed distribution.
///
/// **Method** (a permutation power analysis):
/// 1. Each sample is centred on its own median on a log scale, which removes whatever change
///    there is between them and keeps each one's spread, outliers and clusters as measured.
/// 2. The pooled centred values are split at random into two groups of the original sizes,
///    `trials` times (the same splits for every candidate change).
/// 3. For a candidate change *c*, the second group of every split is multiplied by 1 + *c* and
///    the two-sided Mann-Whitney U test is run; the *power* is the fraction of splits in which
///    it rejects at level `alpha`.
/// 4. The result is the smallest *c* whose power reaches `power`, by bisection: for fixed
///    splits a larger change never turns a rejection into an acceptance, so the power only
///    grows with *c*.
///
/// So "±4%" reads: a slowdown of 4%, applied to these very processes, is found in 9 splits of 10.
/// A few slow processes or a second speed level widen it as much as they hurt the test, which
/// a formula built on a standard deviation (too wide with outliers) or a median absolute
/// deviation (too narrow) does not.
public enum DetectableChange {
    /// The smallest relative increase of `y` over `x` that the U test at `alpha` detects with
    /// probability `power`, as a fraction (0.04 is 4%); ``searchLimit`` when even a tenfold
    /// change would not be detected that often (too few values, or no split can reach `alpha`).
    ///
    /// - Parameters:
    ///   - x: The first sample (the base); its values must be positive.
    ///   - y: The second sample (the head); its values must be positive.
    ///   - alpha: The level each test is held to. For a lone change among *m* comparisons
    ///     corrected with Holm's method, that is alpha / *m*.
    ///   - power: The fraction of splits that must detect the change.
    ///   - trials: Random splits; 200 give the power to about ±2%.
    ///   - generator: Draws the splits, so the result is reproducible.
    /// - Complexity: O(*trials* · 18 · (*m* + *n*) log(*m* + *n*)): 18 rounds of tests.
    public static func minimumDetectableIncrease(
        _ x: Sample,
        _ y: Sample,
        alpha: Double,
        power: Double = 0.9,
        trials: Int = 200,
        using generator: inout some RandomNumberGenerator
    ) -> Double {
        precondition(x.min > 0 && y.min > 0, "detectable changes are relative, so values must be positive")
        precondition(alpha > 0 && alpha < 1 && power > 0 && power <= 1 && trials > 0)
        let centred = centredLogs(x) + centredLogs(y)
        let m = x.count
        let splits = (0..<trials).map { _ in centred.shuffled(using: &generator) }
        func detects(_ shift: Double) -> Bool {
            let rejections = splits.lazy.filter { split in
                let first = Sample(split[..<m])!
                let second = Sample(split[m...].map { $0 + shift })!
                return MannWhitneyU(second, first).pValue < alpha
            }.count
            return Double(rejections) >= power * Double(trials)
        }
        var upper = log(1 + searchLimit)
        guard detects(upper) else { return searchLimit }
        var lower = 0.0
        if detects(lower) { return 0 }
        // 16 halvings of ln 10 resolve the change to 0.004%: far finer than any noise.
        for _ in 0..<16 {
            let middle = (lower + upper) / 2
            if detects(middle) { upper = middle } else { lower = middle }
        }
        return exp(upper) - 1
    }

    /// The largest change searched: tenfold (+900%). A comparison that cannot see even that
    /// reports it, as the smallest change it could possibly have seen.
    public static let searchLimit = 9.0

    /// The logarithms of a sample's values less the logarithm of its median.
    private static func centredLogs(_ sample: Sample) -> [Double] {
        let centre = log(sample.median)
        return sample.sorted.map { log($0) - centre }
    }
}
