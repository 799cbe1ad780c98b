import Foundation

/// Where PagerDuty events go: an Events API v2 integration's routing key, and the name of the
/// machine that raises the alerts.
///
/// The key is a secret: ``description`` leaves it out, and so does every failure line.
public struct PagerDutyRouting: Sendable, Hashable, CustomStringConvertible {
    /// The 32-character integration key of a PagerDuty service's Events API v2 integration.
    public var routingKey: String
    /// The `payload.source` of every event, and part of every dedup key: by default this
    /// machine's host name.
    public var source: String

    /// A routing through the integration `routingKey`, for alerts raised on `source`.
    public init(routingKey: String, source: String = ProcessInfo.processInfo.hostName) {
        self.routingKey = routingKey
        self.source = source
    }

    public var description: String { "PagerDuty routing (key hidden) from \(source)" }
}

/// An alert event as a PagerDuty Events API v2 event (`POST https://events.pagerduty.com/v2/enqueue`).
///
/// - A fired, escalated or eased alert is a `trigger`, with a `payload` of `summary` (at most
///   1,024 characters), `source` (the host), `severity` (the alert's level: `critical`,
///   `warning` or `info`), `timestamp` (ISO 8601), `component` (the metric), `class` (what
///   raised it: threshold, probe-failure or verdict) and `custom_details` (value, threshold,
///   message, level, event, first seen).
/// - A resolved alert is a `resolve`, which carries no payload.
/// - The `dedup_key` is `yardstick/<host>/<raised by>/<metric>`: the same for every event of
///   one alert, so its resolve closes the incident its trigger opened, and for every run that
///   finds the same benchmark regressed, so that a nightly run does not open a new incident
///   each night while one is open. Past PagerDuty's 255 characters, it is cut and ends in a
///   hash of the whole.
///
/// ```json
/// {"dedup_key": "yardstick/ci-1/threshold/cache.get", "event_action": "trigger", "routing_key": "…",
///  "payload": {"summary": "CRITICAL cache.get: 15.2 µs outside ≤ 11.0 µs", "source": "ci-1", "severity": "critical", …}}
/// ```
public struct PagerDutyAlertEvent: Sendable, Hashable, Encodable {
    /// The integration's key.
    public var routingKey: String
    /// `trigger` or `resolve`.
    public var eventAction: Action
    /// The same for every event of one alert source and metric.
    public var dedupKey: String
    /// Who sent it: `yardstick`.
    public var client = "yardstick"
    /// What a trigger says; `nil` on a resolve.
    public var payload: Payload?

    /// What an event does to the incident of its dedup key.
    public enum Action: String, Sendable, Hashable, Encodable {
        case trigger
        case resolve
    }

    /// The body of a trigger.
    public struct Payload: Sendable, Hashable, Encodable {
        public var summary: String
        public var source: String
        public var severity: AlertLevel
        public var timestamp: String
        public var component: String
        public var `class`: String
        public var customDetails: [String: String]

        enum CodingKeys: String, CodingKey {
            case summary, source, severity, timestamp, component, `class`
            case customDetails = "custom_details"
        }
    }

    enum CodingKeys: String, CodingKey {
        case routingKey = "routing_key"
        case eventAction = "event_action"
        case dedupKey = "dedup_key"
        case client, payload
    }

    /// The events that carry `event`: a trigger, or a resolve; an info notice, raised and
    /// ended at once, is both, so that it leaves no open incident behind.
    public static func events(for event: AlertEvent, routing: PagerDutyRouting) -> [PagerDutyAlertEvent] {
        let key = dedupKey(for: event.alert, source: routing.source)
        let resolve = PagerDutyAlertEvent(routingKey: routing.routingKey, eventAction: .resolve, dedupKey: key)
        switch event.kind {
        case .resolved:
            return [resolve]
        case .fired, .escalated, .eased, .notice:
            let trigger = PagerDutyAlertEvent(
                routingKey: routing.routingKey, eventAction: .trigger, dedupKey: key,
                payload: payload(for: event, source: routing.source)
            )
            return event.kind == .notice ? [trigger, resolve] : [trigger]
        }
    }

    /// `yardstick/<source>/<raised by>/<metric>`, at most 255 characters.
    static func dedupKey(for alert: Alert, source: String) -> String {
        let key = "yardstick/\(source)/\(alert.source.rawValue)/\(alert.metric)"
        guard key.utf8.count > 255 else { return key }
        var digest = SplitMix64(seed: key)
        let hash = String(digest.next(), radix: 16)
        var cut = Substring(key)
        while cut.utf8.count > 255 - hash.count - 1 { cut = cut.dropLast() }
        return cut + "#" + hash
    }

    private static func payload(for event: AlertEvent, source: String) -> Payload {
        let alert = event.alert
        var details = [
            "metric": alert.metric,
            "level": alert.level.rawValue,
            "event": event.kind.rawValue,
            "message": alert.message,
            "first_seen": Timestamp.format(alert.firstSeen),
        ]
        if let value = alert.value { details["value"] = alert.unit.format(value) }
        if let band = alert.band { details["threshold"] = alert.unit.format(band) }
        var summary = "\(alert.level.rawValue.uppercased()) \(alert.metric): \(alert.message)"
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        if summary.count > 1_024 { summary = String(summary.prefix(1_023)) + "…" }
        return Payload(
            summary: summary, source: source, severity: alert.level, timestamp: Timestamp.format(event.at),
            component: alert.metric, class: alert.source.rawValue, customDetails: details
        )
    }
}
