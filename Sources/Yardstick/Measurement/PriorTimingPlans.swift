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

    /// The plan of every benchmark of `results` that recorded one.
    public init(_ results: RunResults, rule: Rule) {
        self.rule = rule
        batchSizes = Dictionary(
            results.benchmarks.compactMap { result in result.batchSize.map { (result.name, $0) } },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The plans every process after `part` reuses, when `part` was given `prior`.
    ///
    /// Plans given to be reused stay as they were: a process can only add the plans of
    /// benchmarks that had none (new ones, or ones that failed before being timed), so a
    /// process that could not take the plans (an older bench executable in `bench ab`) does not
    /// change them for the processes after it. Plans given to be kept within the band are
    /// replaced by what `part` decided, since that process was the one to decide.
    public static func after(_ part: RunResults, given prior: PriorTimingPlans?) -> PriorTimingPlans {
        let chosen = PriorTimingPlans(part, rule: .reuse).batchSizes
        let given = prior?.batchSizes ?? [:]
        switch prior?.rule {
        case .reuse?:
            return PriorTimingPlans(rule: .reuse, batchSizes: given.merging(chosen) { given, _ in given })
        case .keepWithinBand?, nil:
            return PriorTimingPlans(rule: .reuse, batchSizes: given.merging(chosen) { _, chosen in chosen })
        }
    }

    /// The batch size to reuse as it is for `name`, under ``Rule/reuse``.
    func reused(_ name: String) -> Int? {
        rule == .reuse ? batchSizes[name] : nil
    }

    /// The batch size to keep within the band for `name`, under ``Rule/keepWithinBand``.
    func kept(_ name: String) -> Int? {
        rule == .keepWithinBand ? batchSizes[name] : nil
    }

    /// Reads plans written by ``write(to:)``.
    ///
    /// - Throws: ``ResultsFileError`` naming the file: unreadable, not JSON, or not plans (a
    ///   batch size under 1, an unknown rule).
    public static func load(from url: URL) throws(ResultsFileError) -> PriorTimingPlans {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResultsFileError(url, "cannot be read (\(describeFileError(error)))")
        }
        let plans: PriorTimingPlans
        do {
            plans = try JSONDecoder().decode(PriorTimingPlans.self, from: data)
        } catch {
            throw ResultsFileError(url, "is not a timing-plans file (expected {\"rule\": \"reuse\", \"batchSizes\": {NAME: N}})")
        }
        if let (name, size) = plans.batchSizes.first(where: { $0.value < 1 }) {
            throw ResultsFileError(url, "gives '\(name)' a batch size of \(size); it must be at least 1")
        }
        return plans
    }

    /// Writes the plans to `url` atomically, as compact JSON with sorted keys.
    public func write(to url: URL) throws(ResultsFileError) {
        do {
            try AtomicFile.write(try ResultsFile.encodeCompact(self), to: url)
        } catch {
            throw ResultsFileError(url, "cannot be written (\(describeFileError(error)))")
        }
    }
}
