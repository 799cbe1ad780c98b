import Foundation

/// ISO 8601 timestamps in UTC with milliseconds (`2026-11-23T18:20:05.123Z`), so that the
/// duration of a short run can be computed from the file.
enum Timestamp {
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses a timestamp with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601))
    }
}
