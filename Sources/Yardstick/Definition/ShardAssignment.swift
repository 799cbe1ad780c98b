/// Which shard measures each suite of a selection: whole suites, balanced by how long their
/// benchmarks took when last recorded.
///
/// Suites are dealt longest first, each to the shard with the least work so far (ties to the
/// lower shard), which keeps the longest shard within the longest suite of the mean. A
/// benchmark's weight is its recorded duration; one with none weighs the median of the recorded
/// ones, and when none has a duration every benchmark weighs 1, which balances by count. The
/// assignment depends only on the selection and the durations, so every job of a matrix that
/// reads the same baseline computes the same one.
public struct ShardAssignment: Sendable, Hashable {
    /// How many shards.
    public let count: Int
    /// The suites of each shard, in selection order; index 0 is shard 1.
    public let suitesByShard: [[String]]
    /// The estimated work of each shard, in the weights' unit (seconds, or benchmarks).
    public let loads: [Double]
    /// Whether any recorded duration weighed in; otherwise the shards hold equal counts.
    public let isBalancedByDuration: Bool

    /// Assigns `suites` (in selection order, each with its selected benchmarks' full names) to
    /// `count` shards, weighing each benchmark by `durations[name]` where it is positive.
    public init(suites: [(name: String, benchmarks: [String])], count: Int, durations: [String: Double]) {
        precondition(count >= 1, "a selection is split into at least one shard")
        let recorded = suites.flatMap(\.benchmarks).compactMap { name in durations[name].flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
        let fallback = Sample(recorded)?.median ?? 1
        let weights = suites.map { suite in
            suite.benchmarks.map { name in durations[name].flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? fallback }.reduce(0, +)
        }
        var loads = Array(repeating: 0.0, count: count)
        var shardOfSuite = Array(repeating: 0, count: suites.count)
        let longestFirst = suites.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        for suite in longestFirst {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
            shardOfSuite[suite] = lightest
            loads[lightest] += weights[suite]
        }
        self.count = count
        self.loads = loads
        suitesByShard = (0..<count).map { shard in suites.indices.filter { shardOfSuite[$0] == shard }.map { suites[$0].name } }
        isBalancedByDuration = !recorded.isEmpty
    }

    /// The suites `shard` measures, in selection order.
    public func suites(of shard: Shard) -> [String] {
        precondition(shard.count == count, "shard \(shard) of an assignment to \(count) shards")
        return suitesByShard[shard.index - 1]
    }
}

extension RunPlan {
    /// The suites of the plan with their selected benchmarks' full names, in plan order.
    public var suitesWithBenchmarks: [(name: String, benchmarks: [String])] {
        suites.indices.map { index in
            (suites[index].name, entries.filter { $0.suiteIndex == index }.map(\.fullName))
        }
    }
}
