/// The percentiles every summary reports, by ``Sample/percentile(_:)``'s definition.
public struct Percentiles: Sendable, Hashable, Codable {
    /// The median.
    public var p50: Double
    /// The 75th percentile.
    public var p75: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 95th percentile.
    public var p95: Double
    /// The 99th percentile.
    public var p99: Double
    /// The 99.9th percentile.
    public var p999: Double

    /// The percentiles of `sample`.
    public init(of sample: Sample) {
        p50 = sample.percentile(0.5)
        p75 = sample.percentile(0.75)
        p90 = sample.percentile(0.9)
        p95 = sample.percentile(0.95)
        p99 = sample.percentile(0.99)
        p999 = sample.percentile(0.999)
    }
}
