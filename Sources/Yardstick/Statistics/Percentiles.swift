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

    /// Every percentile passed through `transform`.
    public func map(_ transform: (Double) -> Double) -> Percentiles {
        var copy = self
        copy.p50 = transform(p50)
        copy.p75 = transform(p75)
        copy.p90 = transform(p90)
        copy.p95 = transform(p95)
        copy.p99 = transform(p99)
        copy.p999 = transform(p999)
        return copy
    }

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

extension Percentiles {
    /// The value at `percentile`.
    public subscript(percentile: Percentile) -> Double {
        switch percentile {
        case .p50: p50
        case .p75: p75
        case .p90: p90
        case .p95: p95
        case .p99: p99
        case .p999: p999
        }
    }
}
