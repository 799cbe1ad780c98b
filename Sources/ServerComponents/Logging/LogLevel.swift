/// How severe a log entry is, from `trace` (the most verbose) to `critical`.
///
/// Levels order by severity, so a logger keeps an entry when `entry.level >= logger.logLevel`.
/// The raw value is the lowercase name, which is also the text of the `level` field of a line.
public enum LogLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Step-by-step detail for following a single request; usually off in production.
    case trace
    /// Information for diagnosing a problem.
    case debug
    /// Normal operation worth recording: a request served, a job finished.
    case info
    /// Normal but significant: a configuration reloaded, a fallback taken.
    case notice
    /// Something unexpected that the program handled.
    case warning
    /// An operation failed.
    case error
    /// The program, or a part of it, can no longer work.
    case critical
}

extension LogLevel: Comparable {
    /// The position in severity order: 0 for `trace` up to 6 for `critical`.
    ///
    /// A switch rather than `allCases.firstIndex(of:)`, so that a comparison compiles to an
    /// integer comparison: it runs on every log call, including the filtered ones.
    @inlinable
    var severity: Int {
        switch self {
        case .trace: 0
        case .debug: 1
        case .info: 2
        case .notice: 3
        case .warning: 4
        case .error: 5
        case .critical: 6
        }
    }

    @inlinable
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.severity < rhs.severity
    }
}
