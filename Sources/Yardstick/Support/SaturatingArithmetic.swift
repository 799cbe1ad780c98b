extension UInt64 {
    /// `self + other`, stopping at `UInt64.max` instead of wrapping: deadlines computed from
    /// very long time limits must stay in the future.
    func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    /// `self - other`, stopping at zero.
    func subtractingSaturating(_ other: UInt64) -> UInt64 {
        self > other ? self - other : 0
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at the bounds of `Int64`.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, sumOverflow) = product.addingReportingOverflow(attoseconds / 1_000_000_000)
        if sumOverflow { return product < 0 ? .min : .max }
        return sum
    }

    /// The duration in nanoseconds as an unsigned count, zero for negative durations.
    var unsignedNanoseconds: UInt64 { UInt64(clamping: nanoseconds) }
}
