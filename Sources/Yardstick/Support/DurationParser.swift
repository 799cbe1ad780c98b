/// Parses durations written with a unit: `250ms`, `30s`, `1.5s`, `2m`, `1h`, `10us`, `500ns`.
enum DurationParser {
    static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3_600e9),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "5ms" also ends in "s": only accept when what is left is a number.
            guard let value = Double(number), value.isFinite, value >= 0 else { continue }
            let total = value * unit.nanoseconds
            guard total < 9.2e18 else { return nil }
            return .nanoseconds(Int64(total.rounded()))
        }
        return nil
    }
}
