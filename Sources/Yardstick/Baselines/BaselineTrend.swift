import Foundation

/// One benchmark's figures over a baseline's history: what `bench history` prints.
///
/// A night is one history record (one `bench baseline update`), oldest first; records that do
/// not name the benchmark are skipped, so its changes compare the nights that measured it.
public struct BaselineTrend: Sendable, Hashable {
    /// One update's figures for the benchmark.
    public struct Night: Sendable, Hashable {
        /// When the blessed run finished.
        public var recordedAt: Date
        /// The commit it measured, when known.
        public var gitCommit: String?
        /// Median wall time per call over all samples, in nanoseconds.
        public var p50: Double
        /// p50 / the previous night's p50 − 1; `nil` on the first night.
        public var changeFromPrevious: Double?
        /// p50 / the first night's p50 − 1; `nil` on the first night.
        public var changeFromFirst: Double?
        /// How far the processes' medians of round medians spread: (largest − smallest) over
        /// their median; `nil` with fewer than two processes.
        public var processSpread: Double?
    }

    /// The benchmark's full name.
    public var name: String
    /// Its nights, oldest first; never empty.
    public var nights: [Night]

    /// The smallest p50 over the nights.
    public var lowest: Double { nights.map(\.p50).min()! }
    /// The largest p50 over the nights.
    public var highest: Double { nights.map(\.p50).max()! }

    /// The trend of every benchmark in `records` that `filters` select (all when empty),
    /// sorted by name.
    public static func trends(from records: [BaselineHistoryRecord], selecting filters: [NameFilter] = []) -> [BaselineTrend] {
        let names = Set(records.flatMap(\.benchmarks.keys)).filter { name in filters.isEmpty || filters.contains { $0.matches(name) } }
        return names.sorted().map { name in
            var nights: [Night] = []
            for record in records {
                guard let entry = record.benchmarks[name] else { continue }
                let ratio = { (before: Double?) in before.flatMap { $0 > 0 ? entry.p50 / $0 - 1 : nil } }
                nights.append(Night(
                    recordedAt: record.recordedAt,
                    gitCommit: record.gitCommit,
                    p50: entry.p50,
                    changeFromPrevious: ratio(nights.last?.p50),
                    changeFromFirst: ratio(nights.first?.p50),
                    processSpread: spread(of: entry.processMedians)
                ))
            }
            return BaselineTrend(name: name, nights: nights)
        }
    }

    private static func spread(of medians: [Double]) -> Double? {
        guard medians.count >= 2, let sample = Sample(medians), sample.median > 0 else { return nil }
        return (sample.max - sample.min) / sample.median
    }
}
