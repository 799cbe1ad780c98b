/// Parses ECMAScript (JSON Schema) regular-expression syntax, less the features that need
/// backtracking: literals and escapes, `.`, classes `[a-z\d]` and `[^…]`, `\d \w \s \D \W \S`,
/// `\b \B`, anchors `^ $`, groups `(…)`, `(?:…)` and `(?<name>…)`, alternation `|` and the
/// quantifiers `* + ? {n} {n,} {n,m}`, greedy or lazy (the same thing when the only question is
/// whether there is a match). Backreferences and lookaround are rejected with an error.
struct PatternParser {
    private let source: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// The largest `n` or `m` in `{n,m}`, since repetitions are compiled by copying.
    static let repetitionLimit = 1_000

    init(_ source: String) {
        self.source = source
        self.scalars = Array(source.unicodeScalars)
    }

    mutating func parse() throws(PatternError) -> PatternSyntax {
        let syntax = try parseAlternation()
        if position < scalars.count {
            // Only a `)` stops an alternation early.
            throw error(") without a matching (")
        }
        return syntax
    }

    private func error(_ reason: String, at offset: Int? = nil) -> PatternError {
        PatternError(pattern: source, offset: offset ?? position, reason: reason)
    }

    private var next: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard next == scalar else { return false }
        position += 1
        return true
    }

    private mutating func parseAlternation() throws(PatternError) -> PatternSyntax {
        var alternatives = [try parseConcatenation()]
        while take("|") {
            alternatives.append(try parseConcatenation())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseConcatenation() throws(PatternError) -> PatternSyntax {
        var parts: [PatternSyntax] = []
        while let scalar = next, scalar != "|", scalar != ")" {
            let atomStart = position
            let atom = try parseAtom()
            parts.append(try parseQuantifier(of: atom, atomStart: atomStart))
        }
        switch parts.count {
        case 0: return .empty
        case 1: return parts[0]
        default: return .concatenation(parts)
        }
    }

    private mutating func parseAtom() throws(PatternError) -> PatternSyntax {
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "^": return .start
        case "$": return .end
        case ".": return .scalars(ScalarSet.lineTerminators.inverted())
        case "[": return .scalars(try parseClass())
        case "(": return try parseGroup()
        case "\\": return try parseEscape()
        case "*", "+", "?": throw error("nothing to repeat", at: position - 1)
        case "{":
            position -= 1
            if (try? parseBraces()) != nil { throw error("nothing to repeat") }
            throw error("a literal { must be escaped as \\{")
        default: return .scalars(ScalarSet(scalar.value...scalar.value))
        }
    }

    private mutating func parseGroup() throws(PatternError) -> PatternSyntax {
        let open = position - 1
        if take("?") {
            if take(":") {
                // A non-capturing group.
            } else if take("<") {
                if next == "=" || next == "!" { throw error("lookbehind is not supported", at: open) }
                while let scalar = next, scalar != ">" {
                    guard Self.isASCIILetterOrDigit(scalar) || scalar == "_" || scalar == "$" else {
                        throw error("invalid group name")
                    }
                    position += 1
                }
                guard take(">") else { throw error("unterminated group name") }
            } else if next == "=" || next == "!" {
                throw error("lookahead is not supported", at: open)
            } else {
                throw error("unknown group kind", at: open)
            }
        }
        let body = try parseAlternation()
        guard take(")") else { throw error("( without a matching )", at: open) }
        return body
    }

    private mutating func parseQuantifier(of atom: PatternSyntax, atomStart: Int) throws(PatternError) -> PatternSyntax {
        var quantified = atom
        var isQuantified = false
        while let scalar = next {
            let quantifierStart = position
            let bounds: (minimum: Int, maximum: Int?)
            switch scalar {
            case "*": position += 1; bounds = (0, nil)
            case "+": position += 1; bounds = (1, nil)
            case "?": position += 1; bounds = (0, 1)
            case "{": bounds = try parseBraces()
            default: return quantified
            }
            switch quantified {
            case .start, .end, .wordBoundary: throw error("an anchor cannot be repeated", at: atomStart)
            default: break
            }
            if isQuantified { throw error("nothing to repeat: a quantifier follows a quantifier", at: quantifierStart) }
            _ = take("?")  // lazy: matches the same strings
            quantified = .repetition(quantified, minimum: bounds.minimum, maximum: bounds.maximum)
            isQuantified = true
        }
        return quantified
    }

    /// `{n}`, `{n,}` or `{n,m}`.
    private mutating func parseBraces() throws(PatternError) -> (minimum: Int, maximum: Int?) {
        let open = position
        position += 1
        guard let minimum = parseNumber() else { throw error("a repetition needs a count: {n}, {n,} or {n,m}", at: open) }
        var maximum: Int? = minimum
        if take(",") {
            maximum = parseNumber()
        }
        guard take("}") else { throw error("unterminated repetition", at: open) }
        if let maximum, maximum < minimum { throw error("repetition {\(minimum),\(maximum)} is out of order", at: open) }
        if max(minimum, maximum ?? 0) > Self.repetitionLimit {
            throw error("repetition count above \(Self.repetitionLimit)", at: open)
        }
        return (minimum, maximum)
    }

    private mutating func parseNumber() -> Int? {
        var value: Int?
        while let scalar = next, ("0"..."9").contains(scalar) {
            // Saturates, so a long run of digits is reported as too large, not an overflow.
            value = min((value ?? 0) * 10 + Int(scalar.value - 0x30), Self.repetitionLimit + 1)
            position += 1
        }
        return value
    }

    private mutating func parseEscape() throws(PatternError) -> PatternSyntax {
        guard let scalar = next else { throw error("\\ at the end of the pattern", at: position - 1) }
        switch scalar {
        case "b": position += 1; return .wordBoundary(negated: false)
        case "B": position += 1; return .wordBoundary(negated: true)
        case "1"..."9": throw error("backreferences are not supported", at: position - 1)
        default:
            switch try parseEscapedMember(inClass: false) {
            case .single(let value): return .scalars(ScalarSet(value...value))
            case .set(let members): return .scalars(members)
            }
        }
    }

    /// What a class member or an escape stands for: one scalar, which can bound a range, or a
    /// class such as `\d`, which cannot.
    private enum Member {
        case single(UInt32)
        case set(ScalarSet)
    }

    /// The escape after a `\`.
    private mutating func parseEscapedMember(inClass: Bool) throws(PatternError) -> Member {
        let start = position - 1
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "d": return .set(.digits)
        case "D": return .set(ScalarSet.digits.inverted())
        case "w": return .set(.wordCharacters)
        case "W": return .set(ScalarSet.wordCharacters.inverted())
        case "s": return .set(.whitespace)
        case "S": return .set(ScalarSet.whitespace.inverted())
        case "t": return .single(0x09)
        case "n": return .single(0x0A)
        case "v": return .single(0x0B)
        case "f": return .single(0x0C)
        case "r": return .single(0x0D)
        case "0": return .single(0)
        case "b" where inClass: return .single(0x08)
        case "x": return .single(try parseHex(digits: 2, start: start))
        case "u":
            guard take("{") else { return .single(try parseHex(digits: 4, start: start)) }
            var value: UInt32 = 0, digits = 0
            while digits <= 6, let digit = next.flatMap(Self.hexValue) {
                value = value &* 16 &+ digit
                digits += 1
                position += 1
            }
            guard digits > 0, take("}"), Unicode.Scalar(value) != nil else { throw error("invalid \\u{…} escape", at: start) }
            return .single(value)
        default:
            // Escaped punctuation stands for itself; an escaped letter or digit without a
            // meaning is an error, so that a typo such as `\e` is not silently a literal `e`.
            guard scalar.isASCII, !Self.isASCIILetterOrDigit(scalar) else {
                throw error("unknown escape \\\(scalar)", at: start)
            }
            return .single(scalar.value)
        }
    }

    private mutating func parseHex(digits: Int, start: Int) throws(PatternError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = next.flatMap(Self.hexValue) else { throw error("invalid hexadecimal escape", at: start) }
            value = value * 16 + digit
            position += 1
        }
        guard Unicode.Scalar(value) != nil else { throw error("escape of a surrogate code point", at: start) }
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    private static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A class after its `[`, through its `]`.
    private mutating func parseClass() throws(PatternError) -> ScalarSet {
        let open = position - 1
        let negated = take("^")
        var set = ScalarSet()
        while true {
            guard let scalar = next else { throw error("[ without a matching ]", at: open) }
            if scalar == "]" {
                position += 1
                break
            }
            let lowerStart = position
            let lower = try parseClassMember()
            // A range `a-z`, unless the `-` is last.
            if next == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                let upper = try parseClassMember()
                guard case .single(let from) = lower, case .single(let to) = upper else {
                    throw error("a class such as \\d cannot bound a range", at: lowerStart)
                }
                guard from <= to else { throw error("range out of order in class", at: lowerStart) }
                set.insert(from...to)
            } else {
                switch lower {
                case .single(let value): set.insert(value...value)
                case .set(let members): set.formUnion(members)
                }
            }
        }
        return negated ? set.inverted() : set
    }

    private mutating func parseClassMember() throws(PatternError) -> Member {
        let scalar = scalars[position]
        position += 1
        guard scalar == "\\" else { return .single(scalar.value) }
        guard position < scalars.count else { throw error("\\ at the end of the pattern", at: position - 1) }
        return try parseEscapedMember(inClass: true)
    }
}
