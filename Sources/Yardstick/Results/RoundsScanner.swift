import Foundation

/// Reads the rounds of a results file with a scanner made for their fixed shape, and hands the
/// rest of the file, with every `rounds` array emptied, to `JSONDecoder`.
///
/// Rounds are nearly all of a large file: 100,000 rounds make 22 MB, and `JSONDecoder` holds
/// a parsed map of the whole document while it decodes, which took `bench compare` of two such
/// files to 1.98 s and 133 MB. The scanner walks the bytes once and keeps only the records.
///
/// It accepts only what it fully understands: `benchmarks[i].rounds` arrays of objects with
/// exactly the fields of ``RoundRecord`` (every percentile, or the median alone), numbers `JSONDecoder` would read the same way (the
/// same `strtod` for doubles; plain digits for integers). Anything else (another field, a
/// string where a number belongs, a malformed document, the columns of a compact file) makes it
/// give up, and the caller decodes the whole file with `JSONDecoder`, which reports the problem
/// with its path. Compact files are small, so that costs them nothing worth a second scanner.
struct RoundsScanner {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    /// The rounds of each benchmark, in file order.
    private var rounds: [[RoundRecord]] = []
    /// The byte ranges of the `rounds` arrays, which the remainder replaces with `[]`.
    private var cuts: [Range<Int>] = []

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// `data` without its rounds, and each benchmark's rounds; `nil` when the file is not in
    /// the shape the scanner reads.
    static func split(_ data: Data) -> (remainder: Data, rounds: [[RoundRecord]])? {
        data.withUnsafeBytes { raw -> (Data, [[RoundRecord]])? in
            var scanner = RoundsScanner(raw)
            guard scanner.scanDocument() else { return nil }
            var remainder = Data()
            remainder.reserveCapacity(raw.count - scanner.cuts.reduce(0) { $0 + $1.count } + 2 * scanner.cuts.count)
            var copied = 0
            for cut in scanner.cuts {
                remainder.append(contentsOf: raw[copied..<cut.lowerBound])
                remainder.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                copied = cut.upperBound
            }
            remainder.append(contentsOf: raw[copied...])
            return (remainder, scanner.rounds)
        }
    }

    // MARK: The document's structure

    private mutating func scanDocument() -> Bool {
        skipWhitespace()
        let scanned = scanObject { scanner, key in
            scanner.matches(key, "benchmarks") ? scanner.scanBenchmarks() : scanner.skipValue()
        }
        skipWhitespace()
        return scanned && position == bytes.count
    }

    private mutating func scanBenchmarks() -> Bool {
        scanArray { scanner in
            var found = false
            let scanned = scanner.scanObject { scanner, key in
                guard scanner.matches(key, "rounds") else { return scanner.skipValue() }
                guard !found else { return false }
                found = true
                return scanner.scanRounds()
            }
            return scanned && found
        }
    }

    private mutating func scanRounds() -> Bool {
        let start = position
        var records: [RoundRecord] = []
        let scanned = scanArray { scanner in
            guard let record = scanner.scanRound() else { return false }
            records.append(record)
            return true
        }
        guard scanned else { return false }
        rounds.append(records)
        cuts.append(start..<position)
        return true
    }

    private mutating func scanRound() -> RoundRecord? {
        var percentiles: [Double?] = Array(repeating: nil, count: Percentile.allCases.count)
        var iterations: Int?, samples: Int?, process: Int?
        var cpu: Double?, hasCPU = false, median: Double?
        let scanned = scanObject { scanner, key in
            if scanner.matches(key, "percentiles") {
                return scanner.scanObject { scanner, key in
                    guard let index = Percentile.allCases.firstIndex(where: { scanner.matches(key, $0.rawValue) }),
                          percentiles[index] == nil, let value = scanner.scanDouble()
                    else { return false }
                    percentiles[index] = value
                    return true
                }
            }
            if scanner.matches(key, "median"), median == nil {
                median = scanner.scanDouble()
                return median != nil
            }
            if scanner.matches(key, "iterations"), iterations == nil {
                iterations = scanner.scanInteger()
                return iterations != nil
            }
            if scanner.matches(key, "samples"), samples == nil {
                samples = scanner.scanInteger()
                return samples != nil
            }
            if scanner.matches(key, "process"), process == nil {
                process = scanner.scanInteger()
                return process != nil
            }
            if scanner.matches(key, "cpuNanosecondsPerCall"), !hasCPU {
                hasCPU = true
                if scanner.scanLiteral("null") { return true }
                cpu = scanner.scanDouble()
                return cpu != nil
            }
            return false
        }
        let values = percentiles.compactMap { $0 }
        guard scanned, let iterations, let samples, let process else { return nil }
        // A round holds either every percentile or its median alone; anything else is left to
        // `JSONDecoder`, which names the problem.
        if let median, values.isEmpty {
            return RoundRecord(median: median, iterations: iterations, samples: samples, cpuNanosecondsPerCall: cpu, process: process)
        }
        guard median == nil, values.count == Percentile.allCases.count else { return nil }
        return RoundRecord(
            percentiles: Percentiles(p50: values[0], p75: values[1], p90: values[2], p95: values[3], p99: values[4], p999: values[5]),
            iterations: iterations, samples: samples, cpuNanosecondsPerCall: cpu, process: process
        )
    }

    // MARK: JSON

    /// An object, calling `member` with each key's byte range (quotes excluded) when the
    /// position is at the key's value.
    private mutating func scanObject(_ member: (inout RoundsScanner, Range<Int>) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = scanString() else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return true }
            guard consume(UInt8(ascii: ",")) else { return false }
        }
    }

    /// An array, calling `element` at each element.
    private mutating func scanArray(_ element: (inout RoundsScanner) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return true }
        while true {
            skipWhitespace()
            guard element(&self) else { return false }
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return true }
            guard consume(UInt8(ascii: ",")) else { return false }
        }
    }

    private mutating func skipValue() -> Bool {
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"): return scanObject { scanner, _ in scanner.skipValue() }
        case UInt8(ascii: "["): return scanArray { scanner in scanner.skipValue() }
        case UInt8(ascii: "\""): return scanString() != nil
        case UInt8(ascii: "t"): return scanLiteral("true")
        case UInt8(ascii: "f"): return scanLiteral("false")
        case UInt8(ascii: "n"): return scanLiteral("null")
        default: return scanNumberToken() != nil
        }
    }

    /// A string's contents' byte range; escapes are skipped over, not decoded, so a key
    /// written with escapes matches no field name and is left to `JSONDecoder`.
    private mutating func scanString() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return start..<(position - 1)
            case UInt8(ascii: "\\"):
                position += 2
            case 0..<0x20:
                return nil
            default:
                position += 1
            }
        }
        return nil
    }

    private mutating func scanLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
        position += count
        return true
    }

    /// The byte range of a number: the characters JSON numbers are made of. Their grammar is
    /// checked by whoever reads the value.
    private mutating func scanNumberToken() -> Range<Int>? {
        let start = position
        while position < bytes.count, Self.isNumberCharacter(bytes[position]) { position += 1 }
        return position > start ? start..<position : nil
    }

    /// A finite double, read as `JSONDecoder` reads it (`strtod`), from a JSON number.
    private mutating func scanDouble() -> Double? {
        guard let token = scanNumberToken(), token.count < 64, Self.isJSONNumber(bytes[token]) else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: token.count + 1) { buffer -> Double? in
            for (offset, byte) in bytes[token].enumerated() { buffer[offset] = CChar(bitPattern: byte) }
            buffer[token.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard end == buffer.baseAddress! + token.count, value.isFinite else { return nil }
            return value
        }
    }

    /// An integer written as plain digits, with an optional minus sign.
    private mutating func scanInteger() -> Int? {
        guard let token = scanNumberToken(), token.count <= 18, Self.isJSONNumber(bytes[token]) else { return nil }
        var digits = bytes[token][...]
        let isNegative = digits.first == UInt8(ascii: "-")
        if isNegative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let magnitude = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return isNegative ? -magnitude : magnitude
    }

    private func matches(_ key: Range<Int>, _ name: String) -> Bool {
        key.count == name.utf8.count && zip(bytes[key], name.utf8).allSatisfy { $0 == $1 }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    private static func isNumberCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default:
            false
        }
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private static func isJSONNumber(_ token: Slice<UnsafeRawBufferPointer>) -> Bool {
        var index = token.startIndex
        func digits() -> Int {
            let start = index
            while index < token.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(token[index]) { index += 1 }
            return index - start
        }
        if index < token.endIndex, token[index] == UInt8(ascii: "-") { index += 1 }
        guard index < token.endIndex else { return false }
        if token[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { return false }
        if index < token.endIndex, token[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < token.endIndex, token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") {
            index += 1
            if index < token.endIndex, token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == token.endIndex
    }
}

extension RoundRecord {
    /// A record of recorded values, as a file holds them: every percentile.
    init(percentiles: Percentiles, iterations: Int, samples: Int, cpuNanosecondsPerCall: Double?, process: Int) {
        self.percentiles = percentiles
        self.median = percentiles.p50
        self.iterations = iterations
        self.samples = samples
        self.cpuNanosecondsPerCall = cpuNanosecondsPerCall
        self.process = process
    }

    /// A record of recorded values, as a compact file holds them: the median alone.
    init(median: Double, iterations: Int, samples: Int, cpuNanosecondsPerCall: Double?, process: Int) {
        self.percentiles = nil
        self.median = median
        self.iterations = iterations
        self.samples = samples
        self.cpuNanosecondsPerCall = cpuNanosecondsPerCall
        self.process = process
    }
}

extension Percentiles {
    /// Percentiles of recorded values.
    init(p50: Double, p75: Double, p90: Double, p95: Double, p99: Double, p999: Double) {
        self.p50 = p50
        self.p75 = p75
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
    }
}
