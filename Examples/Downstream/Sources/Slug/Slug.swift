/// Turns a title into a URL slug: lowercase ASCII letters and digits, words joined by single
/// hyphens; every other character separates words.
///
/// ```swift
/// slug("Hello, World!")  // "hello-world"
/// ```
public func slug(_ title: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(title.utf8.count)
    var wordEnded = false
    for byte in title.utf8 {
        let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lowered) {
            if wordEnded, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
            wordEnded = false
            bytes.append(lowered)
        } else {
            wordEnded = true
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
