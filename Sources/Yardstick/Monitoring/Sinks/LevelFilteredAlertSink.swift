import Synchronization

/// Passes on to another sink the alerts at or above a level, and everything that later
/// happens to them: how alerts are routed by level, such as critical to a pager, warnings and
/// worse to a chat channel, everything to a log.
///
/// - A fired, escalated or eased event passes when its alert's level is at least
///   ``minimumLevel``, or when an earlier event of the same alert passed: a critical alert
///   that eases to a warning still reaches the pager that was told of it.
/// - A resolved event passes when an earlier event of its alert passed, so that every
///   incident a receiver opened is closed, and no receiver hears of the end of an alert it
///   never heard of. A warning that escalates reaches a critical-only receiver with its
///   escalation, and is resolved there in turn.
/// - A notice (an info alert raised and ended at once) passes when its level is high enough.
///
/// Alerts are told apart by ``Alert/id``, so one filter serves the events of one monitor.
///
/// ```swift
/// let pager = LevelFilteredAlertSink(.critical, WebhookAlertSink(url: pagerURL, format: .pagerDuty(routing)))
/// ```
public final class LevelFilteredAlertSink: AlertSink {
    /// The lowest level that opens a conversation with ``sink``.
    public let minimumLevel: AlertLevel
    /// Where the events that pass go.
    public let sink: any AlertSink
    /// The alerts whose events ``sink`` has been receiving, until they resolve.
    private let following = Mutex<Set<Int>>([])

    /// A filter passing to `sink` the alerts of `minimumLevel` and above.
    public init(_ minimumLevel: AlertLevel, _ sink: any AlertSink) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    public func deliver(_ event: AlertEvent) async {
        if passes(event) { await sink.deliver(event) }
    }

    /// Whether `event` goes on to ``sink``; remembers the alerts that do until they end.
    func passes(_ event: AlertEvent) -> Bool {
        let id = event.alert.id
        let isHighEnough = event.alert.level >= minimumLevel
        return following.withLock { following in
            switch event.kind {
            case .fired, .escalated, .eased:
                guard isHighEnough || following.contains(id) else { return false }
                following.insert(id)
                return true
            case .resolved:
                return following.remove(id) != nil
            case .notice:
                return isHighEnough
            }
        }
    }
}
