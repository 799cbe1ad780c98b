import Foundation

/// The bounded history of a baseline: one compact JSON line per update, newest last, in
/// `history/NAME.jsonl` beside the baselines, for trends and for seeing what moved when.
public struct BaselineHistoryRecord: Sendable, Hashable, Codable {
    /// One benchmark's figures at that update.
    public struct Entry: Sendable, Hashable, Codable {
        /// Median wall time per call, over all samples.
        public var p50: Double
        /// 99th percentile of wall time per call.
        public var p99: Double
        /// Each process's median of round medians.
        public var processMedians: [Double]
    }

    /// When the blessed run finished.
    public var recordedAt: Date
    /// The commit it measured, when known.
    public var gitCommit: String?
    /// Processes that measured it.
    public var processes: Int
    /// Figures by benchmark name.
    public var benchmarks: [String: Entry]

    /// The record of a blessed run.
    public init(_ results: RunResults) {
        recordedAt = results.finishedAt
        gitCommit = results.environment.gitCommit
        processes = results.processes
        benchmarks = Dictionary(uniqueKeysWithValues: results.benchmarks.compactMap { benchmark in
            guard let summary = benchmark.summary else { return nil }
            let processes = Set(benchmark.rounds.map(\.process)).sorted()
            let medians = processes.compactMap { process in
                Sample(benchmark.rounds.filter { $0.process == process }.map(\.median))?.median
            }
            return (benchmark.name, Entry(p50: summary.percentiles.p50, p99: summary.percentiles.p99, processMedians: medians))
        })
    }
}

enum BaselineHistory {
    /// Appends `record` to the history file at `url`, keeping the newest `limit` lines; the file
    /// is rewritten atomically. Existing lines are kept as they are, unparsed.
    static func append(_ record: BaselineHistoryRecord, to url: URL, limit: Int) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let line = String(decoding: try encoder.encode(record), as: UTF8.self)
        var lines: [Substring] = []
        if let existing = try? String(contentsOf: url, encoding: .utf8) {
            lines = existing.split(separator: "\n", omittingEmptySubsequences: true)
        }
        lines.append(Substring(line))
        let kept = lines.suffix(max(limit, 1))
        try AtomicFile.write(Data((kept.joined(separator: "\n") + "\n").utf8), to: url)
    }

    /// The records in the history file at `url`, oldest first; lines that do not decode are
    /// skipped.
    static func records(at url: URL) -> [BaselineHistoryRecord] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return text.split(separator: "\n").compactMap { try? decoder.decode(BaselineHistoryRecord.self, from: Data($0.utf8)) }
    }
}
