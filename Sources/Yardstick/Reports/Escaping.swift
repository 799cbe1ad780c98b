/// Escaping text for the formats reports are written in.
enum Escaping {
    /// Text for XML and HTML content and attribute values. Line breaks and tabs become
    /// character references, so attribute values keep them; characters XML 1.0 forbids even
    /// escaped (most controls, U+FFFE, U+FFFF) become U+FFFD.
    static func xml(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t": escaped += "&#9;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Text from a benchmark, suite or message for anywhere in Markdown (table cells, headings,
    /// list items, bold): on one line, with every character Markdown or GitHub's HTML could
    /// read as syntax escaped.
    static func markdown(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\r", "\n", "\r\n", "\u{2028}", "\u{2029}": escaped += " "
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "#", "~": escaped += "\\\(character)"
            case "&": escaped += "&amp;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A Prometheus label value: backslash, double quote and line feed escaped. Scalar by
    /// scalar, since a line feed after a carriage return is one Swift `Character` with it.
    static func prometheusLabel(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": escaped.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
