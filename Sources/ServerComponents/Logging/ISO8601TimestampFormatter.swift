/// Writes Unix times as ISO-8601 UTC timestamps with milliseconds, `2026-11-23T18:20:05.123Z`,
/// without Foundation: the calendar date comes from integer arithmetic, and the text of the
/// current second is kept, so that a timestamp within the same second as the previous one costs
/// four digits and a copy of 20 bytes.
///
/// Times before 1970 are rounded down to the millisecond (towards the past), as for later ones.
/// An `Int64` of nanoseconds spans 1677-09-21 to 2262-04-11, so the year always has four
/// digits.
///
/// A value type with a cache: keep one per thread (the logger keeps one per thread in its
/// line encoder) rather than sharing one behind a lock.
public struct ISO8601TimestampFormatter: Sendable {
    /// The Unix second whose text is in `secondPrefix`, or `nil` before the first use.
    private var cachedSecond: Int64?
    /// `YYYY-MM-DDTHH:MM:SS.`: the 20 bytes every timestamp in `cachedSecond` starts with.
    private var secondPrefix: [UInt8] = []

    /// Creates a formatter with an empty cache.
    public init() {}

    /// Appends the timestamp of `epochNanoseconds` (24 ASCII bytes, no quotes) to `bytes`.
    ///
    /// - Complexity: O(1); within the cached second, a 20-byte copy and four digits.
    public mutating func append(epochNanoseconds: Int64, to bytes: inout [UInt8]) {
        let milliseconds = updateCache(epochNanoseconds)
        bytes.append(contentsOf: secondPrefix)
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds % 10))
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Writes the timestamp of `epochNanoseconds`, as ``append(epochNanoseconds:to:)`` does, for
    /// the log line encoder.
    mutating func write(epochNanoseconds: Int64, to writer: inout JSONLineWriter) {
        let milliseconds = updateCache(epochNanoseconds)
        writer.write(secondPrefix)
        writer.write(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds / 100))
        writer.write(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds / 10 % 10))
        writer.write(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds % 10))
        writer.write(UInt8(ascii: "Z"))
    }

    /// Makes `secondPrefix` the text of `epochNanoseconds`'s second, and returns the
    /// millisecond within it (0…999).
    private mutating func updateCache(_ epochNanoseconds: Int64) -> Int {
        let (second, nanoseconds) = Self.floorDivide(epochNanoseconds, 1_000_000_000)
        if second != cachedSecond {
            // Rewritten in place: a new second costs no allocation after the first.
            Self.writeSecondText(second, into: &secondPrefix)
            cachedSecond = second
        }
        return Int(nanoseconds / 1_000_000)
    }

    /// The timestamp of `epochNanoseconds` as text, such as `2000-02-29T23:59:59.999Z`.
    public mutating func string(epochNanoseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(epochNanoseconds: epochNanoseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces `text` with the 20 bytes `YYYY-MM-DDTHH:MM:SS.` of a Unix second, keeping its
    /// storage.
    static func writeSecondText(_ second: Int64, into text: inout [UInt8]) {
        let (days, secondOfDay) = floorDivide(second, 86_400)
        let date = civilDate(daysSinceEpoch: days)
        let hour = Int(secondOfDay / 3_600)
        let minute = Int(secondOfDay / 60 % 60)
        let secondOfMinute = Int(secondOfDay % 60)
        text.removeAll(keepingCapacity: true)
        text.reserveCapacity(24)
        appendDigits(date.year, count: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(date.month, count: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(date.day, count: 2, to: &text)
        text.append(UInt8(ascii: "T"))
        appendDigits(hour, count: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(minute, count: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(secondOfMinute, count: 2, to: &text)
        text.append(UInt8(ascii: "."))
    }

    /// The proleptic Gregorian date `days` after 1970-01-01, by Howard Hinnant's
    /// `civil_from_days`: it counts in 400-year eras starting on 1 March, so that the leap day
    /// falls at the end of a counting year and month lengths follow a fixed pattern.
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468                               // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097                     // 0...146_096
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from 1 March
        let monthFromMarch = (5 * dayOfYear + 2) / 153             // 0 = March … 11 = February
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Quotient and remainder rounded towards negative infinity, so that the remainder is never
    /// negative and times before 1970 fall into the right second and day.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func appendDigits(_ value: Int, count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + value / divisor % 10))
            divisor /= 10
        }
    }
}
