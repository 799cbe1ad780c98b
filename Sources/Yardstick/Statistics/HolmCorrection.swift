/// Holm's step-down correction of p-values for multiple comparisons.
///
/// Testing many benchmarks at once at level α makes some false rejections likely; Holm's method
/// keeps the chance of any false rejection in the family at most α, with no assumption about how
/// the tests depend on each other, and is uniformly more powerful than Bonferroni's. With the
/// p-values sorted ascending, p₍ᵢ₎ becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Compare
/// the adjusted values with α directly. (`statsmodels.stats.multitest.multipletests(p,
/// method="holm")` gives the same values.)
public enum HolmCorrection {
    /// The adjusted p-values, in the order of `pValues`.
    ///
    /// - Complexity: O(*m* log *m*).
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
