/// When a metric raises alerts: its warning and critical bands, and how many samples in a row
/// confirm a change of state.
///
/// A sample outside the critical band counts as critical, else one outside the warning band
/// counts as a warning, else it is good. Either band may be absent.
///
/// ```swift
/// Threshold(metric: "cache.hit-rate", unit: .fraction,
///           warning: .atLeast(0.90), critical: .atLeast(0.75))
/// ```
public struct Threshold: Sendable, Hashable, Codable {
    /// The metric watched: a probe's name, or a benchmark's full name.
    public var metric: String
    /// How its values print.
    public var unit: MetricUnit
    /// Values outside this band are warnings.
    public var warning: ThresholdBand?
    /// Values outside this band are critical.
    public var critical: ThresholdBand?
    /// How many samples in a row fire or resolve an alert.
    public var hysteresis: Hysteresis

    /// Creates a threshold.
    public init(
        metric: String,
        unit: MetricUnit = .plain,
        warning: ThresholdBand? = nil,
        critical: ThresholdBand? = nil,
        hysteresis: Hysteresis = .init()
    ) {
        self.metric = metric
        self.unit = unit
        self.warning = warning
        self.critical = critical
        self.hysteresis = hysteresis
    }

    /// How one sample alone classifies: critical outside the critical band, warning outside the
    /// warning band, ok otherwise.
    public func classify(_ value: Double) -> MetricState {
        if let critical, !critical.contains(value) { return .critical }
        if let warning, !warning.contains(value) { return .warning }
        return .ok
    }

    /// The band whose breach gives `state`; `nil` for ``MetricState/ok``.
    public func band(for state: MetricState) -> ThresholdBand? {
        switch state {
        case .ok: nil
        case .warning: warning
        case .critical: critical
        }
    }
}

/// How many consecutive samples change an alert's state, so that one outlier pages nobody and
/// one good sample does not end an incident.
public struct Hysteresis: Sendable, Hashable, Codable {
    /// Samples in a row at or beyond a level that raise an alert to that level.
    public var fireAfter: Int
    /// Samples in a row below the alert's level that lower or resolve it.
    public var resolveAfter: Int

    /// Creates a hysteresis; both counts are at least 1.
    public init(fireAfter: Int = 3, resolveAfter: Int = 3) {
        precondition(fireAfter >= 1 && resolveAfter >= 1, "hysteresis counts must be at least 1")
        self.fireAfter = fireAfter
        self.resolveAfter = resolveAfter
    }

    private enum CodingKeys: String, CodingKey { case fireAfter, resolveAfter }

    /// Decodes the counts, refusing one below 1 as the initializer does: a count of 0 would fire
    /// a critical alert on a good sample, since an empty streak is at least 0 long.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let fireAfter = try container.decode(Int.self, forKey: .fireAfter)
        let resolveAfter = try container.decode(Int.self, forKey: .resolveAfter)
        for (count, key) in [(fireAfter, CodingKeys.fireAfter), (resolveAfter, .resolveAfter)] where count < 1 {
            throw DecodingError.dataCorruptedError(forKey: key, in: container,
                                                   debugDescription: "hysteresis counts must be at least 1, got \(count)")
        }
        self.init(fireAfter: fireAfter, resolveAfter: resolveAfter)
    }
}
