import Foundation

/// An alert event as a Slack incoming-webhook message: a `text` that a notification shows and
/// that stands alone, and Block Kit `blocks` that lay the same out in the channel.
///
/// ```json
/// {"text": ":red_circle: CRITICAL fired cache.get: 15.2 µs outside ≤ 11.0 µs",
///  "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*CRITICAL fired* `cache.get`\n15.2 µs outside ≤ 11.0 µs"}},
///             {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Value*\n15.2 µs"}, …]}]}
/// ```
///
/// The fields are the value, the band it is outside (the threshold), what raised the alert,
/// when it began and, once resolved, when it ended. A resolved message starts with
/// `:white_check_mark: RESOLVED`, the others with the level's emoji: `:red_circle:` critical,
/// `:warning:` warning, `:information_source:` info. `&`, `<` and `>` are escaped as Slack
/// asks, so a metric name cannot turn into a link or a mention.
public struct SlackAlertMessage: Sendable, Hashable, Encodable {
    /// The whole message in one line of Slack's markup.
    public var text: String
    /// The message laid out: a headline section, then a section of fields.
    public var blocks: [Block]

    /// A Block Kit section: a text, or fields shown two abreast.
    public struct Block: Sendable, Hashable, Encodable {
        public var type = "section"
        public var text: Text?
        public var fields: [Text]?
    }

    /// A Block Kit text object in Slack's markup.
    public struct Text: Sendable, Hashable, Encodable {
        public var type = "mrkdwn"
        public var text: String
    }

    /// The message for `event`.
    public init(_ event: AlertEvent) {
        let alert = event.alert
        let metric = Self.escaped(alert.metric)
        let message = Self.escaped(Self.oneLine(alert.message))
        let headline: String
        let emoji: String
        switch event.kind {
        case .resolved:
            emoji = ":white_check_mark:"
            headline = "RESOLVED"
            text = "\(emoji) RESOLVED \(metric) (\(alert.level.rawValue) since \(Timestamp.format(alert.firstSeen))): \(message)"
        case .fired, .escalated, .eased, .notice:
            emoji = switch alert.level {
            case .critical: ":red_circle:"
            case .warning: ":warning:"
            case .info: ":information_source:"
            }
            headline = event.kind == .notice ? alert.level.rawValue.uppercased() : "\(alert.level.rawValue.uppercased()) \(event.kind.rawValue)"
            text = "\(emoji) \(headline) \(metric): \(message)"
        }
        var fields: [Text] = []
        if let value = alert.value { fields.append(Text(text: "*Value*\n" + Self.escaped(alert.unit.format(value)))) }
        if let band = alert.band { fields.append(Text(text: "*Threshold*\n" + Self.escaped(alert.unit.format(band)))) }
        fields.append(Text(text: "*Raised by*\n\(alert.source.rawValue)"))
        fields.append(Text(text: "*Since*\n\(Timestamp.format(alert.firstSeen))"))
        if let resolvedAt = alert.resolvedAt, event.kind == .resolved {
            fields.append(Text(text: "*Resolved*\n\(Timestamp.format(resolvedAt))"))
        }
        blocks = [
            Block(text: Text(text: "\(emoji) *\(headline)* `\(metric)`\n\(message)")),
            Block(fields: fields),
        ]
    }

    /// `text` with the three characters Slack's markup reserves escaped.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A probe's failure reason can span lines; the message keeps to one.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
