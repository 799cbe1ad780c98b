import Foundation

/// The gate's conclusions for a whole run against one baseline.
public struct RunJudgement: Sendable, Hashable, Codable {
    /// The baseline judged against; `nil` when there was none and only errors and budgets were
    /// checked.
    public var baseline: BaselineReference?
    /// How the baseline's environment differs from this run's.
    public var environmentDifferences: [EnvironmentDifference]
    /// Whether a blocking difference was accepted with `--allow-foreign-baseline`; every
    /// verdict is then marked as judged against a foreign baseline.
    public var judgedAgainstForeignBaseline: Bool
    /// The options the verdicts were reached with.
    public var options: JudgementOptions
    /// One judgement per benchmark of the run, then one per missing benchmark.
    public var benchmarks: [BenchmarkJudgement]
    /// Caveats about the judgement as a whole.
    public var warnings: [RunWarning]
    /// In stored-baseline mode, how far the machine's speed level moved since the baseline,
    /// when its controls say it did; `nil` otherwise.
    public var machineLevel: MachineLevel? = nil
    /// For a side-by-side comparison (`bench ab`): the two builds, the schedule, and the layout
    /// shifts its controls showed; `nil` for a judgement against a stored baseline.
    public var ab: ABContext?

    /// Whether the baseline comes from another kind of machine or build.
    public var hasBlockingDifferences: Bool { environmentDifferences.contains { $0.isBlocking } }

    /// Whether judging was refused because the baseline is foreign and that was not accepted.
    public var refusesForeignBaseline: Bool { hasBlockingDifferences && !judgedAgainstForeignBaseline }

    /// The benchmarks that fail the gate: regressions, budgets exceeded, errors, missing and
    /// incomparable benchmarks (unless allowed) and, in strict mode, noisy ones and moved
    /// controls. A benchmark
    /// judged incomparable only because the whole baseline is foreign is reported through
    /// ``refusesForeignBaseline`` instead.
    public var failures: [BenchmarkJudgement] {
        benchmarks.filter { judgement in
            switch judgement.verdict {
            case .regressed, .overBudget, .error: true
            case .missing: !options.allowsMissing
            case .incomparable: !options.allowsIncomparable && !refusesForeignBaseline
            case .noisy, .layoutShift: options.isStrict
            case .improved, .unchanged, .new: false
            }
        }
    }

    /// The geometric mean of current / baseline median over the benchmarks of `suite` with a
    /// median comparison, minus one: the suite's typical change, as benchstat's geomean row.
    /// `nil` when none was compared.
    public func geometricMeanChange(suite: String) -> Double? {
        let ratios = benchmarks.filter { $0.suite == suite }.compactMap { $0.median.map { 1 + $0.change.point } }
        guard !ratios.isEmpty else { return nil }
        return exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count)) - 1
    }

    /// How many benchmarks have `verdict`.
    public func count(_ verdict: Verdict) -> Int {
        benchmarks.filter { $0.verdict == verdict }.count
    }
}

/// Which baseline a run was judged against.
public struct BaselineReference: Sendable, Hashable, Codable {
    /// The baseline's name, or the file's path for `bench compare`.
    public var name: String
    /// When the baseline's run finished.
    public var recordedAt: Date
    /// How many processes measured it.
    public var processes: Int
    /// The commit it was measured at, when known.
    public var gitCommit: String?
}

/// The settings that change verdicts, recorded with them.
public struct JudgementOptions: Sendable, Hashable, Codable {
    /// Replaces every benchmark's median tolerance when set (`--tolerance`).
    public var tolerance: Tolerance?
    /// Replaces every benchmark's alpha when set (`--alpha`).
    public var alpha: Double?
    /// Whether *noisy* fails the gate (`--strict`).
    public var isStrict: Bool
    /// Whether *missing* passes the gate (`--allow-missing`).
    public var allowsMissing: Bool
    /// Whether to judge against a baseline from another machine or build (`--allow-foreign-baseline`).
    public var allowsForeignBaseline: Bool
    /// Whether *incomparable* passes the gate (`--allow-incomparable`).
    public var allowsIncomparable: Bool
    /// Bootstrap resamples per comparison.
    public var resamples: Int

    /// Creates options; the defaults are the command line's.
    public init(
        tolerance: Tolerance? = nil,
        alpha: Double? = nil,
        isStrict: Bool = false,
        allowsMissing: Bool = false,
        allowsForeignBaseline: Bool = false,
        allowsIncomparable: Bool = false,
        resamples: Int = 10_000
    ) {
        self.tolerance = tolerance
        self.alpha = alpha
        self.isStrict = isStrict
        self.allowsMissing = allowsMissing
        self.allowsForeignBaseline = allowsForeignBaseline
        self.allowsIncomparable = allowsIncomparable
        self.resamples = resamples
    }
}
