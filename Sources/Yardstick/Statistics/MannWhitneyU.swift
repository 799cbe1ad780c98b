import Foundation

/// The Mann-Whitney U test (Wilcoxon rank-sum test): do two independent samples come from the
/// same distribution, against the two-sided alternative that one tends to be larger?
///
/// It assumes nothing about the shape of the distributions, which suits timings (skewed, with
/// outliers, sometimes bimodal). Yardstick applies it to round medians, not single samples:
/// samples within one process are correlated, and a test over thousands of them would call any
/// drift significant.
///
/// The p-value is computed the way `scipy.stats.mannwhitneyu` computes it by default
/// (`method="auto"`, `use_continuity=True`):
/// - **exact** when either sample has at most 8 observations and no value is tied: the
///   probability, over every equally likely assignment of ranks, of a U at least as extreme;
/// - otherwise the **normal approximation** with the tie correction of the variance and a
///   continuity correction of 0.5.
///
/// One departure, for lopsided sizes only: the exact distribution is used while its counts are
/// exact in a `Double` (C(*m* + *n*, *m*) ≤ 2⁵³: 8 against up to 365 rounds, 3 against
/// 100,000), and the normal approximation beyond. scipy would build a distribution of
/// *m*·*n* + 1 counts there, whose tail a handful of extreme ranks decides either way.
///
/// The statistic is U₁ for `x`, the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting one half.
public struct MannWhitneyU: Sendable, Hashable {
    /// How the p-value was computed.
    public enum Method: String, Sendable, Hashable, Codable {
        /// From the exact distribution of U.
        case exact
        /// From the normal approximation, with tie and continuity corrections.
        case asymptotic
    }

    /// U₁: the pairs in which the first sample's value is the larger, ties counting one half.
    public var statistic: Double
    /// The two-sided p-value.
    public var pValue: Double
    /// How ``pValue`` was computed.
    public var method: Method

    /// Tests `x` against `y`.
    ///
    /// - Complexity: O((*m* + *n*) log(*m* + *n*)) for the ranks, plus O(min(*m*, *n*)² ·
    ///   max(*m*, *n*)) time and O(*m*·*n*) memory for the exact distribution when it is used.
    public init(_ x: Sample, _ y: Sample) {
        let m = x.count, n = y.count
        let (ranks, tieSizes) = Self.ranks(of: x.sorted + y.sorted)
        let rankSum = ranks[..<m].reduce(0, +)
        let u1 = rankSum - Double(m) * Double(m + 1) / 2
        let u = max(u1, Double(m) * Double(n) - u1)
        statistic = u1
        if min(m, n) <= 8, tieSizes.isEmpty, let counts = Self.exactCounts(m, n) {
            method = .exact
            pValue = min(1, 2 * Self.survival(atLeast: Int(u), counts))
        } else {
            method = .asymptotic
            let total = Double(m + n)
            let tieTerm = tieSizes.reduce(0.0) { $0 + $1 * $1 * $1 - $1 }
            let pairs = Double(m) * Double(n)
            let variance = pairs / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
            let z = (u - pairs / 2 - 0.5) / variance.squareRoot()
            pValue = variance > 0 ? min(1, 2 * StandardNormal.survival(z)) : 1
        }
    }

    /// The smallest two-sided p-value a change could give these samples: their p-value if one
    /// lay wholly above the other, each keeping its own ties. When it is above a significance
    /// level, no slowdown or speed-up of this data, however large, could reach it.
    ///
    /// It depends on the ties: ties within a sample shrink the variance of the normal
    /// approximation, so three rounds a side that read [1, 1, 2] and [3, 3, 4] reach p = 0.072,
    /// where three untied values a side cannot go below 2 / C(6, 3) = 0.1. Ties across the
    /// samples are what a change would break, so they do not count.
    public static func smallestPossiblePValue(_ x: Sample, _ y: Sample) -> Double {
        let lower = denseRanks(x.sorted)
        let offset = (lower.last ?? 0) + 1
        let upper = denseRanks(y.sorted).map { $0 + offset }
        return MannWhitneyU(Sample(lower)!, Sample(upper)!).pValue
    }

    /// 0 for the smallest value, 1 for the next larger one and so on, tied values sharing one.
    private static func denseRanks(_ ascending: [Double]) -> [Double] {
        var ranks: [Double] = []
        ranks.reserveCapacity(ascending.count)
        var rank = 0.0
        for (index, value) in ascending.enumerated() {
            if index > 0, value != ascending[index - 1] { rank += 1 }
            ranks.append(rank)
        }
        return ranks
    }

    /// Average ranks (1-based) of `values`, and the sizes of the groups of tied values.
    private static func ranks(of values: [Double]) -> (ranks: [Double], tieSizes: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Double] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            let averageRank = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = averageRank }
            if end - start > 1 { tieSizes.append(Double(end - start)) }
            start = end
        }
        return (ranks, tieSizes)
    }

    /// P(U ≥ `u`) under the null hypothesis, from the counts of every value of U.
    private static func survival(atLeast u: Int, _ counts: [Double]) -> Double {
        let total = counts.reduce(0, +)
        let atLeast = counts[min(u, counts.count)...].reduce(0, +)
        return atLeast / total
    }

    /// How many of the C(m + n, m) rank assignments give each value of U, 0...m·n; `nil` when
    /// C(m + n, m) exceeds 2⁵³, beyond which a `Double` cannot hold the counts exactly.
    ///
    /// The counts are the coefficients of the Gaussian binomial coefficient
    /// [m + n choose m]_q = ∏ᵢ₌₁…ₘ (1 − q^(n + i)) / (1 − q^i), with m the smaller size. Each
    /// factor is one pass over the coefficients: multiplying by 1 − q^(n + i) is a subtraction,
    /// dividing by 1 − q^i a running sum, and every intermediate value is an integer no larger
    /// in magnitude than C(m + n, m), so all of them are exact.
    static func exactCounts(_ m: Int, _ n: Int) -> [Double]? {
        let (m, n) = (Swift.min(m, n), Swift.max(m, n))
        guard let total = binomial(m + n, m), total <= 1 << 53 else { return nil }
        var counts = [Double](repeating: 0, count: m * n + 1)
        counts[0] = 1
        for i in stride(from: 1, through: m, by: 1) {
            let shift = n + i
            if i * n >= shift {
                for u in stride(from: i * n, through: shift, by: -1) { counts[u] -= counts[u - shift] }
            }
            if i * n >= i {
                for u in i...(i * n) { counts[u] += counts[u - i] }
            }
        }
        return counts
    }

    /// C(`n`, `k`), or `nil` when it does not fit in 64 bits.
    static func binomial(_ n: Int, _ k: Int) -> UInt64? {
        var result: UInt64 = 1
        for i in stride(from: 1, through: Swift.min(k, n - k), by: 1) {
            // result · (n − k + i) / i is C(n − k + i, i): an integer at every step.
            let product = result.multipliedFullWidth(by: UInt64(n - Swift.min(k, n - k) + i))
            guard product.high < UInt64(i) else { return nil }
            result = UInt64(i).dividingFullWidth(product).quotient
        }
        return result
    }
}
