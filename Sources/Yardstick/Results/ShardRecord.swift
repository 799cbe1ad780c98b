/// What a shard's results say about the split they came from, so that `bench merge` can check
/// that its inputs are the parts of one run: which shard of how many, and of which selection.
public struct ShardRecord: Sendable, Hashable, Codable {
    /// Which shard, from 1 to ``count``.
    public var index: Int
    /// How many shards the selection was split into.
    public var count: Int
    /// The `--filter` patterns the selection was made with; empty selects every benchmark.
    public var filters: [String]
    /// Every benchmark of the selection, across all shards, by full name in selection order.
    public var selection: [String]
    /// The benchmarks this shard was given: its suites' part of ``selection``.
    public var benchmarks: [String]

    /// The record of shard `shard` of a selection.
    public init(_ shard: Shard, filters: [String], selection: [String], benchmarks: [String]) {
        index = shard.index
        count = shard.count
        self.filters = filters
        self.selection = selection
        self.benchmarks = benchmarks
    }

    /// `2/4`.
    public var shard: Shard? { Shard(index: index, count: count) }
}
