/// Somewhere alert events go: a console, a file, a webhook.
///
/// A sink must never throw to the monitor, nor stop delivering after one failure: a broken
/// webhook must not silence the console. It reports its own failures through its own means
/// (an `onFailure` closure, a line on standard error) and swallows them.
///
/// ```swift
/// let sinks: [any AlertSink] = [ConsoleAlertSink(), JSONLinesAlertSink(url: log)]
/// for await event in await monitor.alertEvents() {
///     for sink in sinks { await sink.deliver(event) }
/// }
/// ```
public protocol AlertSink: Sendable {
    /// Delivers one event. Returns once it is delivered, or once the sink has given up on it.
    func deliver(_ event: AlertEvent) async
}

/// Where a sink's failure lines go when it is given no `onFailure` closure.
enum SinkFailure {
    /// Writes `line` to standard error, prefixed like the rest of the library's complaints.
    static func standardError(_ line: String) {
        StandardErrorOutput().writeDiagnostic("yardstick: \(line)\n")
    }

    /// `text` on one line, at most `limit` characters: failure lines quote response bodies and
    /// error descriptions, which can be long and span lines.
    static func oneLine(_ text: String, limit: Int = 200) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
