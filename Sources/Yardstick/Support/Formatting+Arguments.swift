extension Formatting {
    /// A duration the way a command-line flag takes it (``DurationParser``), in the largest
    /// unit that holds it whole: `30s`, `24h`, `10m`, `250ms`, `1500us`.
    static func argument(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        let units: [(suffix: String, nanoseconds: Int64)] = [
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000),
        ]
        for unit in units where nanoseconds != 0 && nanoseconds % unit.nanoseconds == 0 {
            return "\(nanoseconds / unit.nanoseconds)\(unit.suffix)"
        }
        return "\(nanoseconds)ns"
    }
}
