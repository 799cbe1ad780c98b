/// A regular expression in the syntax JSON Schema uses (ECMAScript's), matched in linear time.
///
/// ```swift
/// let postcode = try Pattern("^[0-9]{5}(-[0-9]{4})?$")
/// postcode.matches("94103")       // true
/// postcode.matches("94103-1234")  // true
/// ```
///
/// Like JSON Schema's `pattern`, a pattern matches if it matches anywhere in the string: anchor
/// it with `^…$` to constrain the whole string. `\d`, `\w` and `\b` are ASCII-only and `.` is any
/// scalar but a line terminator, as in ECMAScript; there are no flags.
///
/// Matching simulates all ways through the pattern at once (Thompson's construction), so it
/// never backtracks: a pattern such as `^(a+)+$` that can take exponential time in a
/// backtracking engine takes linear time here, which matters for patterns applied to input
/// from the network. The price is that backreferences and lookaround, which need
/// backtracking, are not supported; a pattern that uses them fails to compile. Foundation's
/// `NSRegularExpression` and Swift's `Regex` both took about 1 µs for a match of
/// `^[0-9]{5}$` against a five-digit string on the machine this was written on.
///
/// - Complexity: ``matches(_:)`` is O(*n* × *m*) for a string of *n* Unicode scalars and a
///   pattern compiled to *m* instructions, and allocates nothing.
public struct Pattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let source: String
    let program: PatternProgram

    /// Compiles `source`.
    ///
    /// - Throws: ``PatternError`` naming the offset and the problem, for invalid syntax, for
    ///   backreferences and lookaround, and for repetitions too large to compile (`{n,m}` above
    ///   1,000, or 20,000 instructions in all).
    public init(_ source: String) throws(PatternError) {
        var parser = PatternParser(source)
        self.source = source
        self.program = try PatternProgram(parser.parse(), source: source)
    }

    /// Whether the pattern matches anywhere in `string`.
    public func matches(_ string: String) -> Bool {
        program.matches(string)
    }

    public var description: String { source }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }

    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
