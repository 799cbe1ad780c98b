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
    /// Where the lines go: standard error unless told otherwise (the command passes its
    /// `Console`, which writes them to its standard error).
    public var console: any DiagnosticOutput

    /// A sink writing to the process's standard error.
    public init() {
        self.init(console: StandardErrorOutput())
    }

    /// A sink writing to `console`.
    public init(console: some DiagnosticOutput) {
        self.console = console
    }

    public func deliver(_ event: AlertEvent) async {
        console.writeDiagnostic(Self.line(for: event) + "\n")
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
