/// The values a metric may take without alarm: at least ``minimum`` and at most ``maximum``,
/// either of which may be absent. A value on an edge is inside; NaN is never inside.
///
/// ```swift
/// ThresholdBand.atMost(120_000)        // latency: up to 120 µs
/// ThresholdBand.atLeast(0.9)           // hit rate: 90% or more
/// ThresholdBand(minimum: 10, maximum: 50)
/// ```
public struct ThresholdBand: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The smallest value inside the band, if it is bounded below.
    public var minimum: Double?
    /// The largest value inside the band, if it is bounded above.
    public var maximum: Double?

    /// A band between `minimum` and `maximum`, edges included.
    public init(minimum: Double? = nil, maximum: Double? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Values up to `maximum`.
    public static func atMost(_ maximum: Double) -> ThresholdBand { ThresholdBand(maximum: maximum) }

    /// Values from `minimum` up.
    public static func atLeast(_ minimum: Double) -> ThresholdBand { ThresholdBand(minimum: minimum) }

    /// Whether `value` is inside.
    public func contains(_ value: Double) -> Bool {
        guard !value.isNaN else { return false }
        if let minimum, value < minimum { return false }
        if let maximum, value > maximum { return false }
        return true
    }

    /// `≤ 120000`, `≥ 0.900`, `10.0 … 50.0`, or `any` for an unbounded band.
    public var description: String { MetricUnit.plain.format(self) }
}
