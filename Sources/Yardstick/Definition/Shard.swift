/// One part of a selection split across several machines or jobs, such as the jobs of a CI
/// matrix: shard ``index`` of ``count``, counted from 1 as `--shard 2/4` writes it.
///
/// Shards split a selection by whole suites (see ``ShardAssignment``), so that a suite's
/// fixtures and Holm's correction, which are per suite, see every benchmark of the suite in one
/// process. `bench merge` joins the shards' results into the results of one run.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which shard, from 1 to ``count``.
    public var index: Int
    /// How many shards the selection is split into.
    public var count: Int

    /// Shard `index` of `count`; `nil` unless 1 ≤ `index` ≤ `count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, as `--shard` takes it; `nil` when the text is not two whole numbers with
    /// 1 ≤ I ≤ N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// `2/4`.
    public var description: String { "\(index)/\(count)" }
}
