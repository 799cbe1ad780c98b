import Foundation

/// The part of a run's selection that one shard measures (`--shard I/N`), as `run`, `ab` and
/// `baseline update` share it: the plan to measure, the filters that select exactly it in
/// other processes, and the record its results carry for `bench merge`.
struct ShardSelection {
    /// The benchmarks this process measures: all of the selection without `--shard`.
    let plan: RunPlan
    /// What the results say about the split; `nil` without `--shard`.
    let record: ShardRecord?
    /// Whether the split weighed recorded durations (otherwise it balanced counts).
    let isBalancedByDuration: Bool

    /// Splits `plan`, the whole selection made with `filters`, for `shard`, weighing suites by
    /// the durations `baseline` recorded.
    init(_ plan: RunPlan, shard: Shard?, filters: FilterList, baseline: RunResults?) {
        guard let shard else {
            self.plan = plan
            record = nil
            isBalancedByDuration = false
            return
        }
        let assignment = ShardAssignment(suites: plan.suitesWithBenchmarks, count: shard.count, durations: baseline?.recordedDurations ?? [:])
        self.plan = plan.restricted(toSuites: Set(assignment.suites(of: shard)))
        record = ShardRecord(
            shard, filters: filters.patterns, selection: plan.entries.map(\.fullName), benchmarks: self.plan.entries.map(\.fullName)
        )
        isBalancedByDuration = assignment.isBalancedByDuration
    }

    /// Filters that select exactly this shard's benchmarks, for the processes it starts; the
    /// user's own filters when the run is not sharded.
    func processFilters(_ filters: FilterList) -> FilterList {
        guard record != nil else { return filters }
        // An anchored, escaped name is always a valid pattern, so this cannot trap.
        return FilterList(filters: plan.entries.map { try! NameFilter("^" + NSRegularExpression.escapedPattern(for: $0.fullName) + "$") })
    }

    /// The filters a shard's judge uses to tell a baseline benchmark that is missing from one
    /// that another shard measures: the user's filters unsharded, else this shard's own names.
    func judgingSelection(_ filters: FilterList) -> [NameFilter] {
        processFilters(filters).filters
    }

    /// One line for the progress output: which suites this shard measures, and how they were
    /// balanced.
    var summary: String? {
        guard let record else { return nil }
        let suites = plan.suites.map(\.name)
        let basis = isBalancedByDuration ? "balanced by the baseline's durations" : "balanced by count (no recorded durations)"
        guard !suites.isEmpty else {
            return "shard \(record.index)/\(record.count): no suites (the selection has fewer suites than shards)"
        }
        return "shard \(record.index)/\(record.count): \(Formatting.counted(plan.entries.count, "benchmark")) of "
            + "\(record.selection.count) in \(Formatting.counted(suites.count, "suite")) (\(suites.joined(separator: ", "))), \(basis)"
    }
}
