import Foundation

/// Timing plans decided before a process measures, by benchmark: the batch size each was timed
/// with (1: one call at a time), and how far the process may depart from them.
///
/// A benchmark whose calls take about ``TimingMode/batchingThreshold`` would otherwise be
/// batched on a fast machine and timed call by call on a slow one, and a batched result cannot
/// be compared with a per-call one. So the plan is decided once and handed on:
/// - `bench run` against a baseline reuses the baseline's plans;
/// - `bench baseline update` keeps the previous baseline's plans within
///   ``TimingMode/hysteresisBand``;
/// - in a run of several processes (`--processes`, `bench ab`), every process after the first
///   reuses the plans the first one used; a benchmark the first did not time is decided by the
///   next that does.
///
/// A mode pinned in a benchmark's configuration always wins (see
/// ``TimingPlan/withoutTrial(mode:reusing:iterations:clockOverheadNanoseconds:)``); a plan
/// applies to benchmarks whose timing is automatic, and its size to those pinned to batches
/// of an automatic size. Processes receive the plans as a small JSON file, through `run`'s
/// internal option `--timing-plans FILE`.
public struct PriorTimingPlans: Sendable, Hashable, Codable {
    /// How a process uses the plans.
    public enum Rule: String, Sendable, Hashable, Codable {
        /// Taken as they are, without a batch-size trial.
        case reuse
        /// Kept unless the batch-size trial finds the call beyond ``TimingMode/hysteresisBand`` on the
        /// other side of the threshold; then the plan is chosen afresh.
        case keepWithinBand = "keep-within-band"
    }

    /// How a process uses them.
    public var rule: Rule
    /// Calls per timing window, by full benchmark name; 1 when every call was timed alone.
    public var batchSizes: [String: Int]

    /// Plans for the named benchmarks.
    public init(rule: Rule, batchSizes: [String: Int]) {
        self.rule = rule
        self.batchSizes = batchSizes
    }

    /// The batch size to reuse as it is for `name`, under ``Rule/reuse``.
    func reused(_ name: String) -> Int? {
        rule == .reuse ? batchSizes[name] : nil
    }

    /// The batch size to keep within the band for `name`, under ``Rule/keepWithinBand``.
    func kept(_ name: String) -> Int? {
        rule == .keepWithinBand ? batchSizes[name] : nil
    }
}
