/// A parsed pattern: the tree the parser builds and the compiler turns into a program.
indirect enum PatternSyntax: Hashable, Sendable {
    /// Matches the empty string: an empty pattern or an empty alternative.
    case empty
    /// One scalar from a set; a literal is a set of one.
    case scalars(ScalarSet)
    /// `^`: the start of the string.
    case start
    /// `$`: the end of the string.
    case end
    /// `\b` (or `\B` when `negated`): between a word character and a non-word character.
    case wordBoundary(negated: Bool)
    case concatenation([PatternSyntax])
    case alternation([PatternSyntax])
    /// `minimum` or more, up to `maximum` when it is not nil.
    case repetition(PatternSyntax, minimum: Int, maximum: Int?)

    /// Whether every match must begin at the start of the string, so a search need not try the
    /// pattern at any later position.
    var isAnchoredAtStart: Bool {
        switch self {
        case .start: true
        case .concatenation(let parts): parts.first?.isAnchoredAtStart ?? false
        case .alternation(let alternatives): alternatives.allSatisfy(\.isAnchoredAtStart)
        case .repetition(let body, let minimum, _): minimum > 0 && body.isAnchoredAtStart
        default: false
        }
    }
}
