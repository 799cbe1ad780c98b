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
    /// - Complexity: O((*m* + *n*) log(*m* + *n*)) for the ranks, plus O(*m*·*n*·min(*m*, *n*))
    ///   for the exact distribution when it is used.
    public init(_ x: Sample, _ y: Sample) {
        let m = x.count, n = y.count
        let (ranks, tieSizes) = Self.ranks(of: x.sorted + y.sorted)
        let rankSum = ranks[..<m].reduce(0, +)
        let u1 = rankSum - Double(m * (m + 1)) / 2
        let u = max(u1, Double(m * n) - u1)
        statistic = u1
        if min(m, n) <= 8, tieSizes.isEmpty {
            method = .exact
            pValue = min(1, 2 * Self.exactSurvival(atLeast: Int(u), m, n))
        } else {
            method = .asymptotic
            let total = Double(m + n)
            let tieTerm = tieSizes.reduce(0.0) { $0 + $1 * $1 * $1 - $1 }
            let variance = Double(m * n) / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
            let z = (u - Double(m * n) / 2 - 0.5) / variance.squareRoot()
            pValue = variance > 0 ? min(1, 2 * StandardNormal.survival(z)) : 1
        }
    }

    /// The smallest two-sided p-value any data of these sizes can give: the p-value when the two
    /// samples do not overlap at all. When it is above a significance level, the test can never
    /// reject, whatever the data.
    public static func smallestPossiblePValue(_ m: Int, _ n: Int) -> Double {
        let x = Sample((0..<m).map(Double.init))!
        let y = Sample((m..<(m + n)).map(Double.init))!
        return MannWhitneyU(x, y).pValue
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

    /// P(U ≥ `u`) under the null hypothesis, for samples of sizes `m` and `n` without ties.
    private static func exactSurvival(atLeast u: Int, _ m: Int, _ n: Int) -> Double {
        let counts = exactCounts(m, n)
        let total = counts.reduce(0, +)
        let atLeast = counts[min(u, counts.count)...].reduce(0, +)
        return atLeast / total
    }

    /// How many of the C(m + n, m) rank assignments give each value of U, 0...m·n, by the
    /// recurrence f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u). Counts stay below 2⁵³ for
    /// the sizes used here (m ≤ 8), so `Double` holds them exactly.
    private static func exactCounts(_ m: Int, _ n: Int) -> [Double] {
        // table[j][u] holds f(i, j, u) for the current i.
        var table = (0...n).map { _ in [1.0] }
        for i in stride(from: 1, through: m, by: 1) {
            var next = [[1.0]]  // f(i, 0, u): only u = 0
            for j in stride(from: 1, through: n, by: 1) {
                var row = [Double](repeating: 0, count: i * j + 1)
                for (u, count) in next[j - 1].enumerated() { row[u] += count }
                for (u, count) in table[j].enumerated() where u + j < row.count { row[u + j] += count }
                next.append(row)
            }
            table = next
        }
        return table[n]
    }
}
