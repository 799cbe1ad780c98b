/// Descriptive statistics of a sample: location, spread, percentiles and outliers.
public struct Summary: Sendable, Hashable, Codable {
    /// Observations.
    public var count: Int
    /// The smallest.
    public var min: Double
    /// The largest.
    public var max: Double
    /// The arithmetic mean.
    public var mean: Double
    /// The sample standard deviation (divisor *n* − 1); `nil` for one observation.
    public var standardDeviation: Double?
    /// The unscaled median absolute deviation.
    public var medianAbsoluteDeviation: Double
    /// p50 to p99.9, by linear interpolation (numpy's default).
    public var percentiles: Percentiles
    /// Observations beyond Tukey's fences.
    public var outliers: TukeyOutliers

    /// Summarises `sample`. - Complexity: O(*n* log *n*).
    public init(of sample: Sample) {
        count = sample.count
        min = sample.min
        max = sample.max
        mean = sample.mean
        standardDeviation = sample.standardDeviation
        medianAbsoluteDeviation = sample.medianAbsoluteDeviation
        percentiles = Percentiles(of: sample)
        outliers = TukeyOutliers(of: sample)
    }
}
