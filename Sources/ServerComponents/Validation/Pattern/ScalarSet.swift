/// A set of Unicode scalars, as a character class describes: sorted, disjoint ranges, with the
/// ASCII members also kept as a bitmap, since nearly every scalar a validator tests is ASCII.
struct ScalarSet: Hashable, Sendable {
    /// Members below 128, one bit each.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0
    /// Members from 128 up, as sorted, disjoint, non-adjacent ranges of scalar values.
    private var ranges: [ClosedRange<UInt32>] = []

    init() {}

    init(_ members: ClosedRange<UInt32>...) {
        for range in members { insert(range) }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return asciiLow & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiHigh & (1 << UInt64(value - 64)) != 0 }
        // Binary search: the ranges are few, but `\S` or `[^a]` has some up to U+10FFFF.
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count && ranges[low].contains(value)
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        for value in range.lowerBound..<max(range.lowerBound, min(range.upperBound &+ 1, 128)) {
            if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
        }
        guard range.upperBound >= 128 else { return }
        insertWide(max(range.lowerBound, 128)...range.upperBound)
    }

    mutating func formUnion(_ other: ScalarSet) {
        asciiLow |= other.asciiLow
        asciiHigh |= other.asciiHigh
        for range in other.ranges { insertWide(range) }
    }

    /// Every scalar not in the set (surrogate code points, which are not scalars, included, so
    /// that the complement's ranges stay simple).
    func inverted() -> ScalarSet {
        var result = ScalarSet()
        result.asciiLow = ~asciiLow
        result.asciiHigh = ~asciiHigh
        var next: UInt32 = 128
        for range in ranges {
            if range.lowerBound > next { result.ranges.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= 0x10FFFF { result.ranges.append(next...0x10FFFF) }
        return result
    }

    private mutating func insertWide(_ range: ClosedRange<UInt32>) {
        var merged = range
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        for existing in ranges {
            if existing.upperBound &+ 1 < merged.lowerBound || merged.upperBound &+ 1 < existing.lowerBound {
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            }
        }
        kept.append(merged)
        kept.sort { $0.lowerBound < $1.lowerBound }
        ranges = kept
    }
}

extension ScalarSet {
    /// `\d`: the ASCII digits, as in ECMAScript.
    static let digits = ScalarSet(0x30...0x39)

    /// `\w`: ASCII letters, digits and underscore, as in ECMAScript.
    static let wordCharacters = ScalarSet(0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A)

    /// `\s`: ECMAScript's white space and line terminators.
    static let whitespace = ScalarSet(
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF
    )

    /// What `.` does not match: ECMAScript's line terminators.
    static let lineTerminators = ScalarSet(0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029)
}
