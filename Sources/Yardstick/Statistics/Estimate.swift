/// A statistic with its confidence interval, in the statistic's unit.
public struct Estimate: Sendable, Hashable, Codable {
    /// The value computed from the data.
    public var point: Double
    /// The interval's lower bound.
    public var lower: Double
    /// The interval's upper bound.
    public var upper: Double
    /// The interval's confidence level, such as 0.95.
    public var confidence: Double

    /// Creates an estimate.
    public init(point: Double, lower: Double, upper: Double, confidence: Double) {
        self.point = point
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
    }

    /// Half the interval's width.
    public var halfWidth: Double { (upper - lower) / 2 }

    /// The same estimate with every value transformed by an increasing function, such as
    /// turning a ratio into a relative change (`$0 - 1`).
    public func map(_ transform: (Double) -> Double) -> Estimate {
        Estimate(point: transform(point), lower: transform(lower), upper: transform(upper), confidence: confidence)
    }
}
