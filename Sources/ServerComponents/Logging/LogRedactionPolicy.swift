/// Which metadata keys hold secrets: their values are written as `"[REDACTED]"` instead, at any
/// depth of nested metadata, whatever the value's type (a secret dictionary or array is
/// replaced whole).
///
/// Keys match case-insensitively (`Authorization`, `AUTHORIZATION` and `authorization` are one
/// key) and exactly otherwise: `passwordHint` is not `password`.
///
/// ```swift
/// let policy = LogRedactionPolicy.default.adding(["sessionId", "cookie"])
/// ```
///
/// The check runs on every key of every line, so it compares ASCII keys byte by byte, folding
/// case on the fly, instead of building a lowercased copy; only keys with non-ASCII characters
/// are lowercased in full (a `String` allocation). A value type over one immutable reference,
/// so that passing a policy costs one retain.
public struct LogRedactionPolicy: Sendable, Hashable {
    /// The text written in place of a secret value.
    public static let replacement = "[REDACTED]"

    /// `password`, `token`, `authorization`, `secret` and `apiKey`.
    public static let `default` = LogRedactionPolicy(secretKeys: ["password", "token", "authorization", "secret", "apiKey"])

    /// Redacts nothing.
    public static let none = LogRedactionPolicy(secretKeys: [])

    private let matcher: Matcher

    /// The secret keys, lowercased.
    public var secretKeys: Set<String> { matcher.secretKeys }

    /// A policy that redacts the values of `secretKeys`, compared case-insensitively.
    public init(secretKeys: some Sequence<String>) {
        matcher = Matcher(secretKeys: Set(secretKeys.map { $0.lowercased() }))
    }

    /// This policy with `keys` added to its secret keys.
    public func adding(_ keys: some Sequence<String>) -> LogRedactionPolicy {
        LogRedactionPolicy(secretKeys: secretKeys.union(keys))
    }

    /// Whether the value under `key` is a secret.
    ///
    /// - Complexity: O(k) for a key of k bytes; an ASCII key whose length no secret key has
    ///   costs one pass over its bytes.
    public func isSecret(_ key: String) -> Bool {
        matcher.matches(key)
    }

    public static func == (lhs: LogRedactionPolicy, rhs: LogRedactionPolicy) -> Bool {
        lhs.secretKeys == rhs.secretKeys
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secretKeys)
    }
}

extension LogRedactionPolicy {
    /// The secret keys and the tables the fast comparison uses, built once per policy.
    private final class Matcher: Sendable {
        /// The secret keys, lowercased.
        let secretKeys: Set<String>
        /// The UTF-8 bytes of the ASCII secret keys, lowercased, one after another.
        private let asciiKeyBytes: [UInt8]
        /// Where each ASCII secret key lies in `asciiKeyBytes`.
        private let asciiKeyRanges: [Range<Int>]
        /// Bit `n` set when some ASCII secret key is `n` bytes long (`n` < 63), or bit 63 for
        /// any longer key: most keys are rejected on their length alone.
        private let lengthMask: UInt64

        init(secretKeys: Set<String>) {
            self.secretKeys = secretKeys
            var asciiKeyBytes: [UInt8] = []
            var asciiKeyRanges: [Range<Int>] = []
            var lengthMask: UInt64 = 0
            for key in secretKeys where key.utf8.allSatisfy({ $0 < 0x80 }) {
                asciiKeyRanges.append(asciiKeyBytes.count..<asciiKeyBytes.count + key.utf8.count)
                asciiKeyBytes.append(contentsOf: key.utf8)
                lengthMask |= Self.lengthBit(key.utf8.count)
            }
            self.asciiKeyBytes = asciiKeyBytes
            self.asciiKeyRanges = asciiKeyRanges
            self.lengthMask = lengthMask
        }

        func matches(_ key: String) -> Bool {
            if secretKeys.isEmpty { return false }
            let verdict: Bool?? = key.utf8.withContiguousStorageIfAvailable { bytes in
                // A non-ASCII key may lowercase to an ASCII one (the Kelvin sign to `k`), so
                // only the full Unicode lowercasing below can tell.
                var union: UInt8 = 0
                for byte in bytes { union |= byte }
                if union >= 0x80 { return nil }
                guard lengthMask & Self.lengthBit(bytes.count) != 0 else { return false }
                return asciiKeyBytes.withUnsafeBufferPointer { secrets in
                    asciiKeyRanges.contains { range in
                        range.count == bytes.count && Self.equalFoldingASCIICase(bytes, UnsafeBufferPointer(rebasing: secrets[range]))
                    }
                }
            }
            if let verdict = verdict ?? nil { return verdict }
            return secretKeys.contains(key.lowercased())
        }

        private static func lengthBit(_ count: Int) -> UInt64 {
            1 << UInt64(min(count, 63))
        }

        /// Compares the ASCII `bytes` with the lowercase ASCII `secret` of the same length,
        /// lowering capitals in `bytes` on the fly.
        private static func equalFoldingASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ secret: UnsafeBufferPointer<UInt8>) -> Bool {
            for index in 0..<bytes.count {
                var byte = bytes[index]
                if byte &- UInt8(ascii: "A") < 26 { byte |= 0x20 }
                if byte != secret[index] { return false }
            }
            return true
        }
    }
}
