extension ThresholdMonitor {
    /// The active alerts, the most severe first, then the oldest.
    public var activeAlerts: [Alert] {
        let all = valueAlerts.values.compactMap(\.alert) + failureAlerts.values.compactMap(\.alert) + verdictAlerts.values
        return all.sorted { ($0.level, $1.firstSeen, $1.id) > ($1.level, $0.firstSeen, $0.id) }
    }

    /// A new stream of every alert event from now on. Each call makes its own subscriber; the
    /// stream keeps the newest 10,000 events a slow reader has not taken, and ends with
    /// ``finishAlertEvents()``.
    public func alertEvents() -> AsyncStream<AlertEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: AlertEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        nextSubscriber += 1
        let id = nextSubscriber
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// Ends every alert event stream, once their buffered events are read.
    public func finishAlertEvents() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func unsubscribe(_ id: UInt64) {
        subscribers[id] = nil
    }
}
