extension SeriesExpression {
    /// Reads the syntax in the type's table; spaces between tokens are allowed.
    ///
    /// - Throws: ``SeriesSyntaxError`` naming what is wrong where, in one line.
    public init(parsing text: String) throws(SeriesSyntaxError) {
        var scanner = ExpressionScanner(text: text)
        self = try scanner.expression()
        scanner.skipSpaces()
        guard scanner.isAtEnd else { throw scanner.error("unexpected '\(scanner.rest)' after the expression") }
    }
}

/// Why a series expression does not parse.
public struct SeriesSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    public var description: String { message }
}

private struct ExpressionScanner {
    let text: String
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { index >= scalars.count }
    var rest: String { String(String.UnicodeScalarView(scalars[min(index, scalars.count)...])) }
    private var peek: Unicode.Scalar? { isAtEnd ? nil : scalars[index] }

    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { index += 1 }
    }

    func error(_ message: String) -> SeriesSyntaxError { SeriesSyntaxError(message: message) }

    mutating func expression() throws(SeriesSyntaxError) -> SeriesExpression {
        skipSpaces()
        let name = identifier()
        guard !name.isEmpty else { throw error(isAtEnd ? "expected a metric name" : "expected a metric name at '\(rest)'") }
        skipSpaces()
        guard consume("(") else { return .sample(try selector(named: name)) }
        let result: SeriesExpression
        switch name {
        case "sum": result = .sum(try selector())
        case "rate": result = .rate(try selector())
        case "histogram_quantile":
            skipSpaces()
            let quantileText = token { $0 != "," && $0 != ")" && $0 != " " }
            guard let q = Double(quantileText), (0...1).contains(q) else {
                throw error("histogram_quantile's quantile must be a number from 0 to 1, got '\(quantileText)'")
            }
            skipSpaces()
            guard consume(",") else { throw error("histogram_quantile needs a quantile, a comma, and a histogram") }
            skipSpaces()
            let inner = identifier()
            skipSpaces()
            if inner == "rate", consume("(") {
                result = .histogramQuantile(q, try selector(), overRate: true)
                try close("rate")
            } else {
                guard !inner.isEmpty else { throw error("histogram_quantile needs a histogram's name after the quantile") }
                result = .histogramQuantile(q, try selector(named: inner), overRate: false)
            }
        default:
            throw error("unknown function '\(name)' (expected sum, rate or histogram_quantile)")
        }
        try close(name)
        return result
    }

    private mutating func close(_ function: String) throws(SeriesSyntaxError) {
        skipSpaces()
        guard consume(")") else { throw error("\(function)(: expected ')'\(isAtEnd ? "" : " at '\(rest)'")") }
    }

    /// A selector whose name is still to be read.
    private mutating func selector() throws(SeriesSyntaxError) -> SampleSelector {
        skipSpaces()
        let name = identifier()
        guard !name.isEmpty else { throw error(isAtEnd ? "expected a metric name" : "expected a metric name at '\(rest)'") }
        return try selector(named: name)
    }

    private mutating func selector(named name: String) throws(SeriesSyntaxError) -> SampleSelector {
        guard PrometheusTextParser.isMetricName(name) else { throw error("'\(name)' is not a metric name") }
        skipSpaces()
        var labels: [String: String] = [:]
        guard consume("{") else { return SampleSelector(name: name, labels: labels) }
        while true {
            skipSpaces()
            if consume("}") { return SampleSelector(name: name, labels: labels) }
            let label = identifier()
            guard PrometheusTextParser.isLabelName(label) else {
                throw error("\(name){: expected a label name or '}'\(isAtEnd ? "" : " at '\(rest)'")")
            }
            skipSpaces()
            guard consume("=") else { throw error("\(name){: expected '=' after \(label) (labels match by equality only)") }
            skipSpaces()
            guard consume("\"") else { throw error("\(name){: the value of \(label) must be in double quotes") }
            var value = String.UnicodeScalarView()
            while true {
                guard let scalar = peek else { throw error("\(name){: the value of \(label) is not closed") }
                index += 1
                if scalar == "\"" { break }
                guard scalar == "\\" else {
                    value.append(scalar)
                    continue
                }
                switch peek {
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "n": value.append("\n")
                default: throw error("\(name){: invalid escape in the value of \(label) (expected \\\\, \\\" or \\n)")
                }
                index += 1
            }
            guard labels.updateValue(String(value), forKey: label) == nil else { throw error("\(name){: \(label) is given twice") }
            skipSpaces()
            if consume(",") { continue }
            guard peek == "}" else { throw error("\(name){: expected ',' or '}' after the value of \(label)") }
        }
    }

    private mutating func identifier() -> String {
        token { scalar in scalar.isASCII && PrometheusTextParser.isNameByte(UInt8(scalar.value)) }
    }

    private mutating func token(while predicate: (Unicode.Scalar) -> Bool) -> String {
        let start = index
        while let scalar = peek, predicate(scalar) { index += 1 }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        index += 1
        return true
    }
}
