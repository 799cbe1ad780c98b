/// A rate derived from a time per call: operations or bytes per second.
public struct ThroughputFigure: Sendable, Hashable, Codable {
    /// `ops` or `B`.
    public var unit: String
    /// Units per second.
    public var perSecond: Double

    /// The rate at `nanosecondsPerCall`, or `nil` when that is zero (too fast to resolve) or so
    /// small that the rate overflows.
    public init?(_ throughput: Throughput, nanosecondsPerCall: Double) {
        let rate = throughput.rate(nanosecondsPerCall: nanosecondsPerCall)
        guard nanosecondsPerCall > 0, rate.isFinite else { return nil }
        unit = throughput.unitSymbol
        perSecond = rate
    }
}
