import Foundation

/// The dialect a ``WebhookAlertSink`` speaks: the body it posts for each alert event.
///
/// - ``json``: the ``AlertEvent`` itself, as the JSON-lines file holds it, for receivers of
///   your own.
/// - ``slack``: a Slack incoming-webhook message (``SlackAlertMessage``).
/// - ``pagerDuty(_:)``: a PagerDuty Events API v2 event (``PagerDutyAlertEvent``), posted to
///   `https://events.pagerduty.com/v2/enqueue`; resolving an alert resolves its incident.
///
/// ```swift
/// let pager = WebhookAlertSink(
///     url: URL(string: "https://events.pagerduty.com/v2/enqueue")!,
///     format: .pagerDuty(PagerDutyRouting(routingKey: key))
/// )
/// ```
public enum WebhookFormat: Sendable, Hashable, CustomStringConvertible {
    /// The alert event as JSON.
    case json
    /// Slack incoming-webhook messages.
    case slack
    /// PagerDuty Events API v2 events, for the integration of `routing`.
    case pagerDuty(PagerDutyRouting)

    /// The format's name on the command line: `json`, `slack` or `pagerduty`.
    public var name: String {
        switch self {
        case .json: "json"
        case .slack: "slack"
        case .pagerDuty: "pagerduty"
        }
    }

    /// The name only: the routing key is a secret.
    public var description: String { name }

    /// The request bodies that carry `event`, one request each, in order: one for every event,
    /// except that PagerDuty gets an info notice (an alert raised and ended at once) as a
    /// trigger followed by its resolve, since it has no event that needs no resolution.
    public func bodies(for event: AlertEvent) throws -> [Data] {
        switch self {
        case .json:
            return [try ResultsFile.encodeCompact(event)]
        case .slack:
            return [try ResultsFile.encodeCompact(SlackAlertMessage(event))]
        case .pagerDuty(let routing):
            return try PagerDutyAlertEvent.events(for: event, routing: routing).map { try ResultsFile.encodeCompact($0) }
        }
    }
}
