import Foundation

/// Lays out compact JSON for people and for `git diff`: objects one key per line, indented by
/// two spaces, but any object or array that fits in ``inlineWidth`` characters on one line, and
/// arrays of numbers and strings on one line whatever their length. Raw samples then take one
/// line per benchmark, and a baseline's round medians one line per process, which keeps
/// committed baselines small and their diffs readable. Arrays of numbers and strings are packed
/// without spaces: after each comma a space would add a sixth to a baseline's round medians
/// and tell a reader nothing.
enum JSONLayout {
    /// The longest container written on one line.
    static let inlineWidth = 200

    /// Re-indents `compact`, the output of `JSONEncoder` without `.prettyPrinted`. The tokens and
    /// their order are unchanged, so the result parses to the same value, except that with
    /// `significantDigits` every number with a fraction or an exponent is written rounded to
    /// that many significant digits (see ``rounded(_:significantDigits:)``).
    static func indent(_ compact: Data, significantDigits: Int? = nil) -> Data {
        var tokens = Tokens(String(decoding: compact, as: UTF8.self), significantDigits: significantDigits)
        var output = ""
        write(&tokens, into: &output, depth: 0)
        return Data((output + "\n").utf8)
    }

    private static func write(_ tokens: inout Tokens, into output: inout String, depth: Int) {
        if let inline = tokens.inlineContainer(width: inlineWidth) {
            output += inline
            return
        }
        guard let token = tokens.next() else { return }
        switch token {
        case "{":
            writeContainer(&tokens, into: &output, depth: depth, close: "}") { tokens, output in
                output += tokens.next() ?? ""  // the key
                _ = tokens.next()              // the colon
                output += ": "
                write(&tokens, into: &output, depth: depth + 1)
            }
        case "[" where tokens.arrayHoldsOnlyScalars():
            var items: [String] = []
            while let item = tokens.next(), item != "]" {
                if item != "," { items.append(item) }
            }
            output += "[" + items.joined(separator: ",") + "]"
        case "[":
            writeContainer(&tokens, into: &output, depth: depth, close: "]") { tokens, output in
                write(&tokens, into: &output, depth: depth + 1)
            }
        default:
            output += token
        }
    }

    private static func writeContainer(
        _ tokens: inout Tokens,
        into output: inout String,
        depth: Int,
        close: String,
        element: (inout Tokens, inout String) -> Void
    ) {
        let open = close == "}" ? "{" : "["
        if tokens.peek() == close {
            _ = tokens.next()
            output += open + close
            return
        }
        let inner = String(repeating: "  ", count: depth + 1)
        output += open + "\n"
        while true {
            output += inner
            element(&tokens, &output)
            if tokens.next() == "," {
                output += ",\n"
            } else {
                break
            }
        }
        output += "\n" + String(repeating: "  ", count: depth) + close
    }

    /// `token`, a JSON number, rounded to `significantDigits` significant digits and written in
    /// the shortest form that reads back as the rounded value; whole numbers written without a
    /// fraction (counts, sizes, seeds) and anything else are returned as they are, so that no
    /// integer ever loses a digit.
    static func rounded(_ token: String, significantDigits: Int) -> String {
        guard token.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(token), value.isFinite,
              let rounded = Double(String(format: "%.\(significantDigits)g", value))
        else { return token }
        let text = rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : "\(rounded)"
        return text.count < token.count ? text : token
    }

    /// The tokens of compact JSON: punctuation, strings with their quotes, and bare scalars,
    /// numbers rounded when ``significantDigits`` is set.
    private struct Tokens {
        private let scalars: [Unicode.Scalar]
        private var position = 0
        private let significantDigits: Int?

        init(_ text: String, significantDigits: Int?) {
            scalars = Array(text.unicodeScalars)
            self.significantDigits = significantDigits
        }

        func peek() -> String? {
            var copy = self
            return copy.next()
        }

        mutating func next() -> String? {
            guard position < scalars.count else { return nil }
            let first = scalars[position]
            if "{}[],:".unicodeScalars.contains(first) {
                position += 1
                return String(first)
            }
            let start = position
            if first == "\"" {
                position += 1
                while position < scalars.count, scalars[position] != "\"" {
                    position += scalars[position] == "\\" ? 2 : 1
                }
                position += 1
            } else {
                while position < scalars.count, !"{}[],:".unicodeScalars.contains(scalars[position]) {
                    position += 1
                }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<min(position, scalars.count)])
            guard let significantDigits, first != "\"" else { return String(text) }
            return JSONLayout.rounded(String(text), significantDigits: significantDigits)
        }

        /// When the next token opens a container whose one-line form fits in `width`, that form
        /// (`{"a": 1, "b": [2, 3]}`), consuming it; otherwise `nil`, consuming nothing.
        mutating func inlineContainer(width: Int) -> String? {
            guard let first = peek(), first == "{" || first == "[" else { return nil }
            var copy = self
            var text = ""
            // Whether each open container is an array of scalars, packed without spaces.
            var packed: [Bool] = []
            while let token = copy.next() {
                switch token {
                case "{": packed.append(false); text += token
                case "[": packed.append(copy.arrayHoldsOnlyScalars()); text += token
                case "}", "]": packed.removeLast(); text += token
                case ",": text += packed.last == true ? "," : ", "
                case ":": text += ": "
                default: text += token
                }
                if text.count > width { return nil }
                if packed.isEmpty {
                    self = copy
                    return text
                }
            }
            return nil
        }

        /// Whether the array just opened holds no object or array.
        func arrayHoldsOnlyScalars() -> Bool {
            var copy = self
            while let token = copy.next() {
                if token == "]" { return true }
                if token == "{" || token == "[" { return false }
            }
            return true
        }
    }
}
