extension CounterComparison {
    /// How the counter varied between processes, for reports: `nil` when it did not.
    var variation: String? {
        guard varies else { return nil }
        let describe = { (range: CounterRange) in
            range.spread > 0 ? "\(metric.format(range.low))-\(metric.format(range.high))" : metric.format(range.median)
        }
        return "\(metric) varies between processes (\(describe(baseline)) before, \(describe(current)) now): "
            + "work on other threads or state that grows lazily; its tolerance is widened by "
            + metric.format(Self.spreadMultiplier * spread)
    }
}
