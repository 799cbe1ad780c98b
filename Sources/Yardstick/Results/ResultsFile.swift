import Foundation

/// Reading and writing ``RunResults`` as JSON files.
///
/// Writes are atomic: the JSON goes to a temporary file in the same directory, is flushed to
/// disk, and replaces the destination with one `rename`, so a reader sees the old file or the
/// new one, never a torn one, and a failed write leaves the old file as it was.
public enum ResultsFile {
    /// Reads and validates the results at `url`.
    ///
    /// - Throws: ``ResultsFileError`` naming the file and what is wrong with it: unreadable,
    ///   not JSON, truncated, not a results file, another schema version, a field with the
    ///   wrong shape (with its path, such as `benchmarks[2].rounds[0].median`), or fields that
    ///   contradict each other (a negative time, a benchmark named twice, rounds tagged with
    ///   processes the file does not have).
    public static func load(from url: URL) throws(ResultsFileError) -> RunResults {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResultsFileError(url, "cannot be read (\(describeFileError(error)))")
        }
        return try decode(data, from: url)
    }

    /// Decodes results from `data`, naming `url` in errors.
    public static func decode(_ data: Data, from url: URL) throws(ResultsFileError) -> RunResults {
        try decode(data, from: url, alongside: NoFields.self).results
    }

    /// Decodes results from `data` together with `Fields`: the fields a later stage adds to a
    /// results file, such as the judgement, read from the same top-level object. Naming `url`
    /// in errors.
    public static func decode<Fields: Decodable>(
        _ data: Data,
        from url: URL,
        alongside fields: Fields.Type
    ) throws(ResultsFileError) -> (results: RunResults, fields: Fields) {
        if data.isEmpty { throw ResultsFileError(url, "is empty") }
        // One parse when the file is good: the header is read on its own only to explain a
        // failure, since parsing is most of the cost of a large file (100,000 rounds: 22 MB).
        // The later stages' fields are read in the same parse, from the same top-level object.
        let decoded: Document<Fields>
        do {
            decoded = try decodeSplittingRounds(data) ?? decoder.decode(Document<Fields>.self, from: data)
        } catch {
            try checkHeader(of: data, from: url)
            if let error = error as? DecodingError { throw ResultsFileError(url, describe(error)) }
            throw ResultsFileError(url, "cannot be decoded: \(error)")
        }
        guard decoded.results.schemaVersion == RunResults.currentSchemaVersion else {
            throw ResultsFileError(url, versionProblem(decoded.results.schemaVersion))
        }
        if let problem = ResultsConsistency.problem(in: decoded.results) {
            throw ResultsFileError(url, problem)
        }
        return (decoded.results, decoded.fields)
    }

    /// No fields beyond the results': what a reader that needs only the measurements reads.
    private struct NoFields: Codable {}

    /// Encodes `results` as JSON with sorted keys, one field per line and arrays of numbers on
    /// one line (see ``JSONLayout``), so that committed baselines stay small and diff cleanly.
    /// `form` chooses what is kept: everything, or what a committed baseline needs.
    ///
    /// - Throws: `EncodingError` if a number is not finite; the statistics never produce one,
    ///   so this would be a bug, reported instead of writing a file that cannot be read back.
    public static func encode(_ results: RunResults, form: ResultsForm = .full) throws -> Data {
        try encode(results, alongside: NoFields(), form: form)
    }

    /// Encodes `results` as ``encode(_:form:)`` does, with `fields` (the fields a later stage
    /// adds, such as the judgement) in the same top-level object; `userInfo` is handed to the
    /// encoder, such as the wording of a judgement's reasons, which a later stage provides.
    public static func encode(
        _ results: RunResults,
        alongside fields: some Encodable,
        form: ResultsForm = .full,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> Data {
        let encoder = makeEncoder()
        encoder.userInfo.merge(userInfo) { _, given in given }
        encoder.userInfo[.resultsForm] = form
        let significantDigits = form == .compact ? ResultsForm.compactSignificantDigits : nil
        let document = Document(results: results, fields: fields)
        return JSONLayout.indent(try encoder.encode(document), significantDigits: significantDigits)
    }

    /// Writes `results` in `form` to `url` atomically, creating the directory when needed.
    public static func write(_ results: RunResults, to url: URL, form: ResultsForm = .full) throws(ResultsFileError) {
        try write(results, alongside: NoFields(), to: url, form: form)
    }

    /// Writes `results` with `fields` (see ``encode(_:alongside:form:)``) to `url` atomically.
    public static func write(
        _ results: RunResults,
        alongside fields: some Encodable,
        to url: URL,
        form: ResultsForm = .full
    ) throws(ResultsFileError) {
        let data: Data
        do {
            data = try encode(results, alongside: fields, form: form)
        } catch {
            throw ResultsFileError(url, "cannot be written: \(error)")
        }
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw ResultsFileError(url, "cannot be written (\(describeFileError(error)))")
        }
    }

    /// The results and a later stage's fields as one JSON object.
    fileprivate struct Document<Fields> {
        var results: RunResults
        var fields: Fields
    }

    /// One value as compact JSON with sorted keys, dates in ISO 8601 with milliseconds.
    static func encodeCompact(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    private struct SchemaHeader: Decodable { var schemaVersion: Int }

    /// The file decoded with its rounds read by ``RoundsScanner``; `nil` when the scanner or
    /// the decoder cannot read the file that way. `JSONDecoder` then reads it whole, and names
    /// the problem if there is one.
    private static func decodeSplittingRounds<Fields: Decodable>(_ data: Data) -> Document<Fields>? {
        guard let (remainder, rounds) = RoundsScanner.split(data),
              var document = try? decoder.decode(Document<Fields>.self, from: remainder),
              document.results.benchmarks.count == rounds.count
        else { return nil }
        for index in document.results.benchmarks.indices { document.results.benchmarks[index].rounds = rounds[index] }
        return document
    }

    /// Throws what is wrong with `data` before its fields: not JSON, not a results file, or
    /// another schema version, whose fields may legitimately differ.
    private static func checkHeader(of data: Data, from url: URL) throws(ResultsFileError) {
        let header: SchemaHeader
        do {
            header = try JSONDecoder().decode(SchemaHeader.self, from: data)
        } catch DecodingError.dataCorrupted {
            throw ResultsFileError(url, "is not valid JSON (truncated or corrupted)")
        } catch {
            throw ResultsFileError(url, "is not a Yardstick results file (it has no schemaVersion)")
        }
        guard header.schemaVersion == RunResults.currentSchemaVersion else {
            throw ResultsFileError(url, versionProblem(header.schemaVersion))
        }
    }

    private static func versionProblem(_ version: Int) -> String {
        "has schema version \(version); this bench reads version \(RunResults.currentSchemaVersion)"
    }

    /// Reads dates with or without fractional seconds.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = Timestamp.parse(text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: '\(text)'"))
        }
        return decoder
    }()

    private static let encoder = makeEncoder()

    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.reduce(into: "") { text, key in
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "the top level" : path(context.codingPath)
            return "lacks the field '\(key.stringValue)' in \(parent)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "has a value of the wrong type at \(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "has an invalid value at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "cannot be decoded: \(error)"
        }
    }
}

/// A results or baseline file is unreadable or invalid.
public struct ResultsFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// What is wrong with it.
    public var problem: String

    /// Creates the error.
    public init(_ url: URL, _ problem: String) {
        self.path = url.relativePath
        self.problem = problem
    }

    /// `PATH: PROBLEM`, one line.
    public var description: String { "\(path): \(problem)" }
}

extension ResultsFile.Document: Encodable where Fields: Encodable {
    func encode(to encoder: any Encoder) throws {
        try results.encode(to: encoder)
        try fields.encode(to: encoder)
    }
}

extension ResultsFile.Document: Decodable where Fields: Decodable {
    init(from decoder: any Decoder) throws {
        results = try RunResults(from: decoder)
        fields = try Fields(from: decoder)
    }
}
