/// Why a pattern could not be compiled.
public struct PatternError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// Where the problem was found, counted in Unicode scalars from the start of the pattern.
    public let offset: Int
    /// What is wrong, in a few words.
    public let reason: String

    /// Creates an error.
    public init(pattern: String, offset: Int, reason: String) {
        self.pattern = pattern
        self.offset = offset
        self.reason = reason
    }

    /// `invalid pattern "a{2": unterminated repetition at offset 1`.
    public var description: String {
        "invalid pattern \"\(pattern)\": \(reason) at offset \(offset)"
    }
}
