/// The syntax check for `.string(format: .email)`: the "valid e-mail address" of the HTML
/// Living Standard, the one browsers apply to `<input type="email">`, with the length limits
/// of RFC 5321.
///
/// A local part of letters, digits and ``!#$%&'*+/=?^_`{|}~.-``, an `@`, then a domain of
/// dot-separated labels of letters, digits and inner hyphens, each at most 63 long; the local
/// part at most 64 bytes and the whole at most 254. Like HTML, it rejects the rarely used
/// quoted local parts and address literals of RFC 5322, and it does not require a dot in the
/// domain (`admin@localhost` is valid). Whether the address exists is a question for a mail.
enum EmailAddress {
    static func isValid(_ address: String) -> Bool {
        var address = address
        return address.withUTF8 { bytes in isValid(bytes) }
    }

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return false }
        guard at > 0, at <= 64 else { return false }
        for byte in bytes[..<at] where !isLocalPartByte(byte) { return false }
        // Labels: 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen.
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes[(at + 1)...] {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
            } else if isLetterOrDigit(byte) || (byte == UInt8(ascii: "-") && labelLength > 0) {
                labelLength += 1
                guard labelLength <= 63 else { return false }
            } else {
                return false
            }
            previous = byte
        }
        return labelLength > 0 && previous != UInt8(ascii: "-")
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }

    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        if isLetterOrDigit(byte) { return true }
        return switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
