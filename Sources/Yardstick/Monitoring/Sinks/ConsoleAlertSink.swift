/// Writes each alert event as one line for a person to standard error:
///
/// ```
/// 2026-12-02T12:00:03.123Z CRITICAL fired cache.get: 15.2 µs outside ≤ 11.0 µs
/// 2026-12-02T12:04:41.020Z CRITICAL resolved cache.get: 15.9 µs outside ≤ 11.0 µs (since 2026-12-02T12:00:01.123Z)
/// ```
///
/// A resolved alert keeps the message of its last breach; the note says when it began.
/// Standard error, because standard output may be carrying a report someone is piping.
public struct ConsoleAlertSink: AlertSink {
    /// Where the lines go; its ``Console/error`` writer receives them.
    public var console: Console

    /// A sink writing to `console`'s standard error.
    public init(console: Console = .standard) {
        self.console = console
    }

    public func deliver(_ event: AlertEvent) async {
        console.error(Self.line(for: event) + "\n")
    }

    /// The line for `event`, without a line break: its time, its ``AlertEvent/summary``, and
    /// for a resolved alert when it began.
    public static func line(for event: AlertEvent) -> String {
        var line = "\(Timestamp.format(event.at)) \(event.summary)"
        if event.kind == .resolved {
            line += " (since \(Timestamp.format(event.alert.firstSeen)))"
        }
        // A probe's failure reason can span lines; one event must stay one line for grep.
        return line.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
