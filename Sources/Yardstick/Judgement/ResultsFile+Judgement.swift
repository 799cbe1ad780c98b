import Foundation

/// Results files of judged runs: the verdicts are written beside the measurements, under the
/// top-level field `judgement`, and read back with them by the commands that report on a file
/// (`bench report`, `bench merge`). Readers that need only measurements, such as the baseline
/// store, read the same files and skip the field.
extension ResultsFile {
    /// Reads the results at `url` and the verdicts they were judged with, if they were.
    ///
    /// - Throws: ``ResultsFileError`` as ``load(from:)`` does, and when the judgement has a
    ///   field of the wrong shape.
    public static func loadJudged(from url: URL) throws(ResultsFileError) -> JudgedRun {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResultsFileError(url, "cannot be read (\(describeFileError(error)))")
        }
        let decoded = try decode(data, from: url, alongside: JudgementField.self)
        return JudgedRun(results: decoded.results, judgement: decoded.fields.judgement)
    }

    /// Encodes `results` with their judgement, when there is one, as ``encode(_:form:)`` does.
    /// Reasons and warnings are written as their facts, and with `wording`, also as the
    /// sentence it gives them (`message`).
    public static func encode(
        _ results: RunResults,
        judgement: RunJudgement?,
        wording: JudgementWording? = nil,
        form: ResultsForm = .full
    ) throws -> Data {
        let userInfo: [CodingUserInfoKey: any Sendable] = wording.map { [.judgementWording: $0] } ?? [:]
        return try encode(results, alongside: JudgementField(judgement: judgement), form: form, userInfo: userInfo)
    }

    /// Writes `results` with their judgement, when there is one, to `url` atomically.
    public static func write(_ results: RunResults, judgement: RunJudgement?, to url: URL, form: ResultsForm = .full) throws(ResultsFileError) {
        try write(results, alongside: JudgementField(judgement: judgement), to: url, form: form)
    }

    /// The one field a judgement adds to a results file; absent when the run was not judged.
    private struct JudgementField: Codable {
        var judgement: RunJudgement?
    }
}
