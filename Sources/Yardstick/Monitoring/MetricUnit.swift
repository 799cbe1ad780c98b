/// What a monitored metric's numbers mean, so that alerts and dashboards print them readably.
public enum MetricUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nanoseconds, printed as a duration: `9.73 µs`.
    case nanoseconds
    /// A fraction printed as a percentage: 0.93 is `93.0%`.
    case fraction
    /// A count of events.
    case count
    /// A number without a unit.
    case plain

    /// `value` in this unit, to three significant figures.
    public func format(_ value: Double) -> String {
        switch self {
        case .nanoseconds: Formatting.duration(nanoseconds: value)
        case .fraction: Formatting.percent(value)
        case .count, .plain: Formatting.significant(value)
        }
    }

    /// `band` with its edges in this unit.
    public func format(_ band: ThresholdBand) -> String {
        switch (band.minimum, band.maximum) {
        case let (minimum?, maximum?): "\(format(minimum)) … \(format(maximum))"
        case let (minimum?, nil): "≥ \(format(minimum))"
        case let (nil, maximum?): "≤ \(format(maximum))"
        case (nil, nil): "any"
        }
    }
}
