extension ThresholdMonitor {
    /// Records what a scrape or a check read for `metric`: a value as ``record(_:for:)``, a
    /// failure as ``recordFailure(of:reason:)``; ``SeriesReading/noValue(_:)`` records nothing,
    /// so a counter reset neither breaks nor extends a streak.
    @discardableResult
    public func record(_ reading: SeriesReading, for metric: String) -> AlertEvent? {
        switch reading {
        case .value(let value): record(value, for: metric)
        case .failed(let reason): recordFailure(of: metric, reason: reason)
        case .noValue: nil
        }
    }

    /// A function that records readings into this monitor, for ``EndpointCheck`` and
    /// ``ScrapeTarget`` probes; it holds the monitor weakly, since the monitor holds the probes.
    public nonisolated var seriesRecorder: SeriesRecorder {
        { [weak self] metric, reading in await self?.record(reading, for: metric) }
    }
}

/// Where a probe that reads several series at once sends the ones besides its own value.
public typealias SeriesRecorder = @Sendable (_ metric: String, _ reading: SeriesReading) async -> Void
