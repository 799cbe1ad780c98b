/// A non-empty set of finite observations, kept sorted ascending.
///
/// Every statistic in this module is a function of a `Sample`, so each one can assume its input
/// is non-empty, ordered and free of NaN and infinity.
public struct Sample: Sendable, Hashable {
    /// The observations, ascending.
    public let sorted: [Double]

    /// Creates a sample, or `nil` when `values` is empty or holds a NaN or an infinity.
    ///
    /// - Complexity: O(*n* log *n*) for the sort.
    public init?(_ values: some Sequence<Double>) {
        let sorted = values.sorted()
        guard !sorted.isEmpty, sorted.allSatisfy(\.isFinite) else { return nil }
        self.sorted = sorted
    }

    /// The number of observations, at least 1.
    public var count: Int { sorted.count }
    /// The smallest observation.
    public var min: Double { sorted[0] }
    /// The largest observation.
    public var max: Double { sorted[sorted.count - 1] }

    /// The arithmetic mean: the sum over *n*, as numpy computes it, or, when the sum would
    /// overflow, a running mean, which never leaves the values' range. - Complexity: O(*n*).
    public var mean: Double {
        let sum = sorted.reduce(0, +)
        if sum.isFinite { return sum / Double(count) }
        var mean = 0.0
        for (index, value) in sorted.enumerated() { mean += (value - mean) / Double(index + 1) }
        return mean
    }

    /// The sample variance, with Bessel's correction (divides by *n* − 1, numpy's `ddof=1`);
    /// `nil` for a single observation, where it is undefined. It is infinite when the values
    /// span more than the square root of the largest `Double`; ``standardDeviation`` is not.
    /// - Complexity: O(*n*).
    public var variance: Double? {
        guard count > 1 else { return nil }
        let mean = mean
        return sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
    }

    /// The square root of ``variance``; for values whose squares overflow, computed on the
    /// values scaled by the largest magnitude, so it stays finite.
    public var standardDeviation: Double? {
        guard let variance else { return nil }
        if variance.isFinite { return variance.squareRoot() }
        let scale = Swift.max(abs(min), abs(max))
        let scaled = Sample(sorted.map { $0 / scale })!
        return scaled.variance.map { $0.squareRoot() * scale }
    }

    /// The median: ``percentile(_:)`` at 0.5, so the mean of the middle pair for an even count.
    public var median: Double { percentile(0.5) }

    /// The value below which the fraction `p` of the sample lies, by linear interpolation
    /// between the closest ranks: with the observations x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)·p, the
    /// result is x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). This is numpy's default (`method="linear"`),
    /// Hyndman and Fan's definition 7.
    ///
    /// - Parameter p: A fraction in 0...1 (0.99 for p99).
    /// - Complexity: O(1).
    public func percentile(_ p: Double) -> Double {
        precondition((0...1).contains(p), "a percentile is a fraction between 0 and 1, got \(p)")
        let rank = Double(count - 1) * p
        let lower = Int(rank.rounded(.down))
        let fraction = rank - Double(lower)
        guard lower + 1 < count, fraction > 0 else { return sorted[lower] }
        let (a, b) = (sorted[lower], sorted[lower + 1])
        // numpy interpolates from the nearer end, so results agree to the last bit.
        return fraction < 0.5 ? a + (b - a) * fraction : b - (b - a) * (1 - fraction)
    }

    /// The median of the absolute deviations from the median, unscaled (scipy's
    /// `median_abs_deviation` with `scale=1.0`). Multiply by 1.4826 to estimate a normal
    /// distribution's standard deviation. - Complexity: O(*n* log *n*).
    public var medianAbsoluteDeviation: Double {
        let median = median
        // Deviations of values of both signs near the largest Double overflow: no finite MAD.
        return Sample(sorted.map { abs($0 - median) })?.median ?? .infinity
    }
}
