/// Reads the Prometheus text exposition format, version 0.0.4: what `/metrics` endpoints serve
/// to a Prometheus server, written by hand since the package takes no dependencies.
///
/// The grammar, line by line (`\n` ends a line; a `\r` before it is dropped):
/// - `# HELP name text`: the family's help, in which `\\` and `\n` are escapes.
/// - `# TYPE name counter|gauge|histogram|summary|untyped`, at most once per family and
///   before its samples.
/// - Any other line starting with `#` is a comment; blank lines are skipped.
/// - `name{label="value",...} value [timestamp]`: a sample. Labels are optional, a trailing
///   comma is allowed, and label values escape `\\`, `\"` and `\n`. The value is a float
///   (`NaN`, `+Inf`, `-Inf` included); the timestamp, milliseconds since 1970, an integer.
///
/// A sample joins the family whose type owns its name (`x_bucket` the histogram `x`), else
/// the family of its own name, made untyped when it has no `# TYPE` line. Anything else, such
/// as an invalid escape, a label given twice, or text after the timestamp, is an error naming
/// its line. Cost: one pass over the bytes of the page.
///
/// ```swift
/// let page = try PrometheusTextParser.parse("# TYPE up gauge\nup{job=\"api\"} 1\n")
/// page.families[0].samples[0].labels   // ["job": "api"]
/// ```
public enum PrometheusTextParser {
    /// The page in `text`.
    public static func parse(_ text: String) throws(PrometheusParseError) -> PrometheusExposition {
        var builder = FamilyBuilder()
        var lineNumber = 0
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = LineScanner(bytes: Array(rawLine), number: lineNumber)
            if line.bytes.last == UInt8(ascii: "\r") { line.bytes.removeLast() }
            line.skipBlanks()
            if line.isAtEnd { continue }
            if line.peek == UInt8(ascii: "#") {
                try parseComment(&line, into: &builder)
            } else {
                try builder.add(try parseSample(&line), line: lineNumber)
            }
        }
        return PrometheusExposition(families: builder.families)
    }

    private static func parseComment(_ line: inout LineScanner, into builder: inout FamilyBuilder) throws(PrometheusParseError) {
        line.advance()
        line.skipBlanks()
        let keyword = line.readWhile { !isBlank($0) }
        guard keyword == "HELP" || keyword == "TYPE" else { return }
        guard line.skipBlanks() > 0 else { throw line.error("\(keyword) needs a metric name") }
        let name = line.readWhile(isNameByte)
        guard isMetricName(name) else { throw line.error("\(keyword) needs a metric name, got '\(name)'") }
        if keyword == "HELP" {
            guard line.isAtEnd || line.skipBlanks() > 0 else { throw line.error("HELP \(name): expected a space after the name") }
            let help = try line.readEscaped(until: nil, allowed: [UInt8(ascii: "\\"): "\\", UInt8(ascii: "n"): "\n"])
            try builder.setHelp(help, of: name, line: line.number)
        } else {
            guard line.skipBlanks() > 0 else { throw line.error("TYPE \(name) needs a type") }
            let word = line.readWhile { !isBlank($0) }
            line.skipBlanks()
            guard let type = PrometheusMetricType(rawValue: word), line.isAtEnd else {
                throw line.error("TYPE \(name): unknown type '\(word)' (expected counter, gauge, histogram, summary or untyped)")
            }
            try builder.setType(type, of: name, line: line.number)
        }
    }

    private static func parseSample(_ line: inout LineScanner) throws(PrometheusParseError) -> PrometheusSample {
        let name = line.readWhile(isNameByte)
        guard isMetricName(name) else { throw line.error("expected a metric name, got '\(name.isEmpty ? line.rest : name)'") }
        var blanks = line.skipBlanks()
        var labels: [String: String] = [:]
        if line.peek == UInt8(ascii: "{") {
            line.advance()
            labels = try parseLabels(&line, of: name)
            blanks = line.skipBlanks()
        }
        guard blanks > 0 || line.isAtEnd else { throw line.error("\(name): expected a space before the value") }
        let valueText = line.readWhile { !isBlank($0) }
        guard !valueText.isEmpty else { throw line.error("\(name) has no value") }
        guard let value = parseValue(valueText) else { throw line.error("\(name): '\(valueText)' is not a number") }
        line.skipBlanks()
        var timestamp: Int64?
        if !line.isAtEnd {
            let text = line.readWhile { !isBlank($0) }
            guard let milliseconds = Int64(text) else { throw line.error("\(name): '\(text)' is not a timestamp in milliseconds") }
            timestamp = milliseconds
            line.skipBlanks()
            guard line.isAtEnd else { throw line.error("\(name): unexpected '\(line.rest)' after the timestamp") }
        }
        return PrometheusSample(name: name, labels: labels, value: value, timestamp: timestamp)
    }

    /// The labels after an opening brace, up to and including the closing one.
    private static func parseLabels(_ line: inout LineScanner, of name: String) throws(PrometheusParseError) -> [String: String] {
        var labels: [String: String] = [:]
        while true {
            line.skipBlanks()
            if line.peek == UInt8(ascii: "}") {
                line.advance()
                return labels
            }
            let label = line.readWhile(isNameByte)
            guard isLabelName(label) else {
                throw line.error("\(name): expected a label name or '}', got '\(label.isEmpty ? line.rest : label)'")
            }
            line.skipBlanks()
            guard line.consume(UInt8(ascii: "=")) else { throw line.error("\(name): expected '=' after label \(label)") }
            line.skipBlanks()
            guard line.consume(UInt8(ascii: "\"")) else { throw line.error("\(name): the value of label \(label) must be quoted") }
            let value: String
            do {
                value = try line.readEscaped(
                    until: UInt8(ascii: "\""),
                    allowed: [UInt8(ascii: "\\"): "\\", UInt8(ascii: "\""): "\"", UInt8(ascii: "n"): "\n"]
                )
            } catch {
                throw line.error("\(name): \(error.message)")
            }
            guard labels.updateValue(value, forKey: label) == nil else { throw line.error("\(name): label \(label) is given twice") }
            line.skipBlanks()
            if line.consume(UInt8(ascii: ",")) { continue }
            guard line.peek == UInt8(ascii: "}") else { throw line.error("\(name): expected ',' or '}' after label \(label)") }
        }
    }

    /// A float as Go's `strconv.ParseFloat` reads the format's values: decimal or exponent
    /// notation, `NaN`, and infinities with or without a sign.
    static func parseValue(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        // Swift also reads hexadecimal floats and "nan(...)": not in the format.
        guard text.utf8.allSatisfy({ isDigit($0) || "+-.eE".utf8.contains($0) }), text.utf8.contains(where: isDigit) else { return nil }
        return Double(text)
    }

    static func isMetricName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !isDigit(first) else { return false }
        return text.utf8.allSatisfy(isNameByte)
    }

    static func isLabelName(_ text: String) -> Bool {
        isMetricName(text) && !text.utf8.contains(UInt8(ascii: ":"))
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

/// Why a page is not valid exposition text: the line and what is wrong with it.
public struct PrometheusParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line, counted from 1.
    public var line: Int
    /// What is wrong.
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// One line's bytes and a read position.
private struct LineScanner {
    var bytes: [UInt8]
    let number: Int
    var index = 0

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { isAtEnd ? nil : bytes[index] }
    var rest: String { String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self) }

    mutating func advance() { index += 1 }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Skips spaces and tabs; returns how many.
    @discardableResult
    mutating func skipBlanks() -> Int {
        let start = index
        while let byte = peek, PrometheusTextParser.isBlank(byte) { index += 1 }
        return index - start
    }

    mutating func readWhile(_ predicate: (UInt8) -> Bool) -> String {
        let start = index
        while let byte = peek, predicate(byte) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Text up to `terminator` (consumed) or the end of the line when `nil`, with the
    /// backslash escapes in `allowed` replaced; any other escape is an error.
    mutating func readEscaped(until terminator: UInt8?, allowed: [UInt8: String]) throws(PrometheusParseError) -> String {
        var text: [UInt8] = []
        while let byte = peek {
            index += 1
            if byte == terminator { return String(decoding: text, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                continue
            }
            guard let next = peek else { throw error("a backslash ends the line") }
            guard let replacement = allowed[next] else {
                throw error("invalid escape sequence '\\\(String(decoding: [next], as: UTF8.self))'")
            }
            index += 1
            text += replacement.utf8
        }
        guard terminator == nil else { throw error("a quoted label value is not closed") }
        return String(decoding: text, as: UTF8.self)
    }

    func error(_ message: String) -> PrometheusParseError { PrometheusParseError(line: number, message: message) }
}

/// Gathers samples into families as the lines arrive.
private struct FamilyBuilder {
    var families: [PrometheusFamily] = []
    private var indexByName: [String: Int] = [:]
    private var typed: Set<String> = []
    private var current: Int?

    mutating func setHelp(_ help: String, of name: String, line: Int) throws(PrometheusParseError) {
        let index = family(named: name)
        guard families[index].help == nil else { throw PrometheusParseError(line: line, message: "second HELP line for \(name)") }
        families[index].help = help
        current = index
    }

    mutating func setType(_ type: PrometheusMetricType, of name: String, line: Int) throws(PrometheusParseError) {
        let index = family(named: name)
        guard !typed.contains(name) else { throw PrometheusParseError(line: line, message: "second TYPE line for \(name)") }
        guard families[index].samples.isEmpty else {
            throw PrometheusParseError(line: line, message: "TYPE line for \(name) after its samples")
        }
        typed.insert(name)
        families[index].type = type
        current = index
    }

    mutating func add(_ sample: PrometheusSample, line: Int) throws(PrometheusParseError) {
        let index: Int
        if let current, families[current].owns(sampleNamed: sample.name) {
            index = current
        } else if let owner = families.firstIndex(where: { $0.owns(sampleNamed: sample.name) }) {
            index = owner
        } else {
            index = family(named: sample.name)
        }
        if families[index].type == .histogram, sample.name.hasSuffix("_bucket"), sample.labels["le"] == nil {
            throw PrometheusParseError(line: line, message: "\(sample.name) is a histogram bucket without an 'le' label")
        }
        families[index].samples.append(sample)
        current = index
    }

    private mutating func family(named name: String) -> Int {
        if let index = indexByName[name] { return index }
        families.append(PrometheusFamily(name: name))
        indexByName[name] = families.count - 1
        return families.count - 1
    }
}
