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
    /// is rewritten atomically. Existing lines are kept byte for byte, unparsed, so a damaged
    /// line damages nothing else.
    static func append(_ record: BaselineHistoryRecord, to url: URL, limit: Int) throws {
        var lines = self.lines(at: url)
        lines.append(try ResultsFile.encodeCompact(record))
        let kept = lines.suffix(max(limit, 1))
        try AtomicFile.write(Data(kept.joined(separator: [UInt8(ascii: "\n")]) + [UInt8(ascii: "\n")]), to: url)
    }

    /// The records in the history file at `url`, oldest first; lines that do not decode are
    /// skipped, each on its own.
    static func records(at url: URL) -> [BaselineHistoryRecord] {
        lines(at: url).compactMap { try? ResultsFile.decoder.decode(BaselineHistoryRecord.self, from: $0) }
    }

    /// The non-empty lines of the file at `url`, as bytes; none when it cannot be read.
    private static func lines(at url: URL) -> [Data] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
    }
}
