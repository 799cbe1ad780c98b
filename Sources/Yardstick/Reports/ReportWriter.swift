import Foundation

/// Writes a run's reports into a directory, each file atomically, and appends the Markdown
/// report to GitHub Actions' step summary when the run is inside a workflow.
public struct ReportWriter: Sendable {
    /// Where the files go.
    public var directory: URL
    /// Which files.
    public var formats: [ReportFormat]
    /// The file GitHub Actions shows on the run's summary page (`GITHUB_STEP_SUMMARY`), if any.
    public var stepSummary: URL?

    /// A writer of `formats` into `directory`.
    public init(directory: URL, formats: [ReportFormat] = ReportFormat.allCases, stepSummary: URL? = Self.gitHubStepSummary) {
        self.directory = directory
        self.formats = formats
        self.stepSummary = stepSummary
    }

    /// The step summary file named by `GITHUB_STEP_SUMMARY`, when set.
    public static var gitHubStepSummary: URL? {
        ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    }

    /// Writes every format and returns the files written, in the order of ``formats``.
    ///
    /// - Throws: ``ResultsFileError`` naming the first file that could not be written; files
    ///   written before it stay.
    @discardableResult
    public func write(_ input: ReportInput) throws(ResultsFileError) -> [URL] {
        var written: [URL] = []
        for format in formats {
            let url = directory.appendingPathComponent(format.fileName)
            let text: String
            do {
                text = try format.render(input)
            } catch {
                throw ResultsFileError(url, "cannot be written: \(error)")
            }
            do {
                try AtomicFile.write(Data(text.utf8), to: url)
            } catch {
                throw ResultsFileError(url, "cannot be written (\(describeFileError(error)))")
            }
            written.append(url)
        }
        if let stepSummary, formats.contains(.md) {
            try append(MarkdownReport(input).render(), to: stepSummary)
        }
        return written
    }

    /// Appends to a file others also append to, so not atomically, starting a new paragraph so
    /// that the heading renders whatever the previous step left.
    private func append(_ text: String, to url: URL) throws(ResultsFileError) {
        do {
            if !FileManager.default.fileExists(atPath: url.path) {
                try Data().write(to: url)
            }
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            let end = try handle.seekToEnd()
            var separator = ""
            if end > 0 {
                try handle.seek(toOffset: end - min(end, 2))
                let tail = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
                separator = tail.hasSuffix("\n\n") ? "" : tail.hasSuffix("\n") ? "\n" : "\n\n"
                try handle.seekToEnd()
            }
            try handle.write(contentsOf: Data((separator + text).utf8))
        } catch {
            throw ResultsFileError(url, "cannot be appended to (\(describeFileError(error)))")
        }
    }
}
