// The writer of JSON scalars for ``LogLineEncoder``: no `String` is built on the way, except
// for the digits of a `Double`.

/// Writes JSON text into a fixed span of memory: a write is a bounds check and a store or a
/// `memcpy`, with none of the uniqueness and capacity checks of `Array.append`, which cost
/// more than the copying on lines of a few hundred bytes.
///
/// A write that does not fit is skipped but still counted, so that after the last write
/// ``count`` is the length the whole text needs: the encoder then grows its buffer to that and
/// writes again.
struct JSONLineWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written so far, including any that did not fit.
    private(set) var count = 0

    /// A writer into `buffer`, from its start.
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        // A zero-capacity buffer may have no base address; any pointer will do, as nothing
        // is written to it.
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
        capacity = buffer.count
    }

    /// Whether everything written fitted.
    var fits: Bool { count <= capacity }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        if count < capacity { base[count] = byte }
        count += 1
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let source = bytes.baseAddress, bytes.count <= capacity - count {
            (base + count).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    /// Writes the bytes of an ASCII literal, such as a fixed part of a line.
    @inline(__always)
    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    /// Writes `bytes`, such as a part of a line encoded in advance.
    @inline(__always)
    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// Writes `string` as a JSON string, quotes included.
    ///
    /// JSON requires `"`, `\` and the control characters U+0000…U+001F to be escaped:
    /// `\b \t \n \f \r` where JSON has a short form, `\u00XX` (lowercase hex) otherwise. Every
    /// other character is copied as UTF-8, which a Swift string always is valid, so the result
    /// is valid JSON for any input. Runs of bytes that need no escape are copied in one piece.
    ///
    /// - Complexity: O(n) for n bytes of UTF-8.
    mutating func writeJSONString(_ string: String) {
        write(UInt8(ascii: "\""))
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { writeEscaped($0) }
        if written == nil {
            var contiguous = string  // not stored as UTF-8 (a bridged string): made native once
            contiguous.withUTF8 { writeEscaped($0) }
        }
        write(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Short text (keys, most values) byte by byte straight into the buffer, when even an
        // escape for every byte would fit, so that no byte needs a bounds check; longer text in
        // runs of eight clean bytes at a time, copied in one piece.
        if utf8.count < 32 && 6 * utf8.count <= capacity - count {
            var position = base + count
            for byte in utf8 {
                if Self.needsEscape(byte) {
                    count = position - base
                    writeEscape(of: byte)
                    position = base + count
                } else {
                    position.pointee = byte
                    position += 1
                }
            }
            count = position - base
            return
        }
        guard let start = utf8.baseAddress else { return }
        var runStart = 0
        var index = 0
        while index < utf8.count {
            if utf8.count - index >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
                if !Self.needsEscape(word) {
                    index += 8
                    continue
                }
            }
            let byte = utf8[index]
            if Self.needsEscape(byte) {
                if runStart < index {
                    write(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                writeEscape(of: byte)
                runStart = index + 1
            }
            index += 1
        }
        if runStart < utf8.count {
            write(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Whether any of the eight bytes in `word` is below 0x20, a quote or a backslash, by the
    /// bit tricks of "Bit Twiddling Hacks" (`haszero`, `hasless`): each term's top bit is set
    /// in some byte exactly when some byte matches.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (control | quote | backslash) & highs != 0
    }

    private mutating func writeEscape(of byte: UInt8) {
        write(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): write(byte)
        case 0x08: write(UInt8(ascii: "b"))
        case 0x09: write(UInt8(ascii: "t"))
        case 0x0A: write(UInt8(ascii: "n"))
        case 0x0C: write(UInt8(ascii: "f"))
        case 0x0D: write(UInt8(ascii: "r"))
        default:
            write("u00")
            write(Self.hexDigit(byte >> 4))
            write(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Writes `value` in decimal, with a `-` when negative (`Int64.min` included).
    mutating func writeJSONInteger(_ value: Int64) {
        if value < 0 { write(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        if digits <= capacity - count {
            var position = base + count + digits
            repeat {
                position -= 1
                position.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
        }
        count += digits
    }

    /// Writes `value` as a JSON number in Swift's shortest round-tripping form (`0.1`,
    /// `1e-05`, `-0.0`), or, having no JSON number, as the string `"NaN"`, `"Infinity"` or
    /// `"-Infinity"`.
    mutating func writeJSONDouble(_ value: Double) {
        if value.isFinite {
            // All of `description`'s forms are valid JSON numbers; up to 15 characters it is a
            // small string, kept inline without allocation.
            var text = value.description
            text.withUTF8 { write($0) }
        } else if value.isNaN {
            write("\"NaN\"")
        } else if value > 0 {
            write("\"Infinity\"")
        } else {
            write("\"-Infinity\"")
        }
    }

    /// Writes `true` or `false`.
    mutating func writeJSONBool(_ value: Bool) {
        if value { write("true") } else { write("false") }
    }
}
