import Foundation

/// Numbers as a person would write them in a report: three significant figures, scaled units.
enum Formatting {
    /// A duration given in nanoseconds, in the largest unit that keeps it at least 1:
    /// `1.52 ns`, `9.73 µs`, `12.4 ms`, `1.25 s`.
    static func duration(nanoseconds: Double) -> String {
        let magnitude = abs(nanoseconds)
        let (value, unit): (Double, String) = switch magnitude {
        case ..<1_000: (nanoseconds, "ns")
        case ..<1_000_000: (nanoseconds / 1_000, "µs")
        case ..<1_000_000_000: (nanoseconds / 1_000_000, "ms")
        default: (nanoseconds / 1_000_000_000, "s")
        }
        return "\(significant(value)) \(unit)"
    }

    /// A rate with a metric prefix: `658 Mops/s`, `1.20 kB/s`.
    static func rate(_ perSecond: Double, unit: String) -> String {
        let prefixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, prefix) in prefixes where perSecond >= scale {
            return "\(significant(perSecond / scale)) \(prefix)\(unit)/s"
        }
        return "\(significant(perSecond)) \(unit)/s"
    }

    /// A fraction as a percentage with three significant figures at most: `0.0123` → `1.23%`.
    static func percent(_ fraction: Double) -> String {
        "\(significant(fraction * 100))%"
    }

    /// A signed change: `+4.10%`, `-12.0%`, `+0.00%`.
    static func signedPercent(_ fraction: Double) -> String {
        let text = percent(fraction)
        return fraction < 0 ? text : "+\(text)"
    }

    /// A p-value: three decimals down to 0.001, then two significant figures in scientific
    /// notation: `0.031`, `0.004`, `3.0e-06`.
    static func pValue(_ p: Double) -> String {
        p >= 0.001 ? String(format: "%.3f", p) : String(format: "%.1e", p)
    }

    /// A moment in UTC to the minute: `2026-11-23 18:02 UTC`.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// A length of time for people: `45 seconds`, `3.2 hours`, `2.0 days`.
    static func age(seconds: Double) -> String {
        let magnitude = abs(seconds)
        switch magnitude {
        case ..<90: return "\(Int(magnitude.rounded())) seconds"
        case ..<5_400: return "\(significant(magnitude / 60)) minutes"
        case ..<129_600: return "\(significant(magnitude / 3_600)) hours"
        default: return "\(significant(magnitude / 86_400)) days"
        }
    }

    /// Bytes in binary units: `23.5 GiB`.
    static func bytes(_ count: UInt64) -> String {
        binaryUnits(Double(count))
    }

    /// A non-negative number of bytes in the largest binary unit it reaches, up to EiB.
    private static func binaryUnits(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes
        var unit = 0
        while value >= 1_024, unit < units.count - 1 {
            value /= 1_024
            unit += 1
        }
        return "\(significant(value)) \(units[unit])"
    }

    /// A count per call: whole numbers exactly (`0`, `1`, `1,024`), others to four significant
    /// figures without trailing zeros (`0.001`, `18.45`, `2.5`), so a fractional count never
    /// reads as a whole one.
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return significant(value) }
        if value == value.rounded() {
            // Beyond 10¹⁵ every Double is whole, and digits past the fourth are noise anyway.
            return abs(value) < 1e15 ? count(Int(value)) : String(format: "%.4g", value)
        }
        let magnitude = abs(value)
        var decimals = magnitude >= 1000 ? 1 : max(1, 3 - Int(log10(magnitude).rounded(.down)))
        // Enough digits to tell it from the nearest whole number: 1.0001, never "1".
        let offWhole = abs(value - value.rounded())
        decimals = min(9, max(decimals, 1 - Int(log10(offWhole).rounded(.down))))
        var text = String(format: "%.\(decimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Bytes, exact below 1 KiB (`48 B`, `-16 B`, `0.25 B`), in binary units above (`1.52 KiB`).
    static func bytes(_ value: Double) -> String {
        if abs(value) < 1_024 { return "\(count(value)) B" }
        return (value < 0 ? "-" : "") + binaryUnits(abs(value))
    }

    /// A ratio to two decimals: `1.67x`.
    static func ratio(_ value: Double) -> String {
        String(format: "%.2fx", value)
    }

    /// A `Duration` the way ``duration(nanoseconds:)`` writes it: `60 s`, `250 ms`.
    static func duration(_ value: Duration) -> String {
        duration(nanoseconds: Double(value.nanoseconds))
    }

    /// `count` and `noun`, plural unless the count is one: `1 benchmark`, `6 benchmarks`,
    /// `5 processes`.
    static func counted(_ count: Int, _ noun: String) -> String {
        let plural = noun.hasSuffix("s") ? noun + "es" : noun + "s"
        return "\(Formatting.count(count)) \(count == 1 ? noun : plural)"
    }

    /// Words as a POSIX shell command line a user can paste: a word with characters the shell
    /// would read is single-quoted: `swift run bench -f 'cache\..*'`.
    static func shellCommand(_ words: [String]) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        return words.map { word in
            if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// A count with thousands separators: `10,000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// Seconds of wall time for progress and footers: `840 ms`, `12.3 s`, `2 min 05 s`.
    static func elapsed(seconds: Double) -> String {
        if seconds < 60 { return duration(nanoseconds: seconds * 1e9) }
        let whole = Int(seconds.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// `value` to three significant figures, without exponent: `1.52`, `15.2`, `152`, `1520`.
    static func significant(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : value < 0 ? "-∞" : "NaN" }
        let magnitude = abs(value)
        let decimals = switch magnitude {
        case 0: 2
        case ..<0.0001: 6
        case ..<0.001: 5
        case ..<0.01: 4
        case ..<0.1: 3
        case ..<9.995: 2
        case ..<99.95: 1
        default: 0
        }
        return String(format: "%.\(decimals)f", value)
    }
}
