import Foundation

/// Lays out compact JSON for people and for `git diff`: objects one key per line, indented by
/// two spaces, but arrays of numbers and strings on a single line, and any object or array that
/// fits in ``inlineWidth`` characters on one line. Raw samples then take one line per benchmark
/// and each round one line, which keeps committed baselines small and their diffs readable.
enum JSONLayout {
    /// The longest container written on one line.
    static let inlineWidth = 200

    /// Re-indents `compact`, the output of `JSONEncoder` without `.prettyPrinted`. The tokens and
    /// their order are unchanged, so the result parses to the same value.
    static func indent(_ compact: Data) -> Data {
        var tokens = Tokens(String(decoding: compact, as: UTF8.self))
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
            output += "[" + items.joined(separator: ", ") + "]"
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

    /// The tokens of compact JSON: punctuation, strings with their quotes, and bare scalars.
    private struct Tokens {
        private let scalars: [Unicode.Scalar]
        private var position = 0

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

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
            return String(text)
        }

        /// When the next token opens a container whose one-line form fits in `width`, that form
        /// (`{"a": 1, "b": [2, 3]}`), consuming it; otherwise `nil`, consuming nothing.
        mutating func inlineContainer(width: Int) -> String? {
            guard let first = peek(), first == "{" || first == "[" else { return nil }
            var copy = self
            var text = ""
            var depth = 0
            while let token = copy.next() {
                switch token {
                case "{", "[": depth += 1; text += token
                case "}", "]": depth -= 1; text += token
                case ",": text += ", "
                case ":": text += ": "
                default: text += token
                }
                if text.count > width { return nil }
                if depth == 0 {
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
