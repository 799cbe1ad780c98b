/// A caveat about a judgement as a whole, as facts: reports word it, and a results file records
/// it by its ``kind`` with its fields beside the sentence (see ``JudgementWording``).
public enum RunWarning: Sendable, Hashable {
    /// The machine's speed level moved since the baseline was recorded, as its controls show.
    case machineLevel(MachineLevel)
    /// This run counted allocations but the baseline did not, so counts were not judged.
    case baselineWithoutCounts
    /// The baseline was measured in fewer than three processes: `processes`.
    case fewBaselineProcesses(processes: Int)
    /// Side by side: a side is a debug build.
    case debugBuild
    /// Side by side: `side`'s executable was built outside `bench ab`, so its code layout is not
    /// controlled.
    case layoutUncontrolled(side: ABSide)
    /// Side by side: a control moved between the builds.
    case layoutShift(LayoutShift)
    /// A side-by-side judgement merged from `shards` shards, each with its own process order.
    case mergedShards(shards: Int, seeds: [ShardSeed])
    /// A warning known only by its sentence: read from a file written before warnings had
    /// fields, or of a kind this version does not know.
    case text(String)

    /// The process order one shard of a side-by-side run was drawn with.
    public struct ShardSeed: Sendable, Hashable, Codable {
        /// The shard's index, as `--shard I/N` gave it.
        public var shard: Int
        /// The seed of its schedule.
        public var seed: UInt64

        /// The seed `seed` of shard `shard`.
        public init(shard: Int, seed: UInt64) {
            self.shard = shard
            self.seed = seed
        }
    }
}
