/// What the gate concludes about one benchmark, or about one of its metrics.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
    /// Slower beyond the tolerance, significantly, by more than the noise allows.
    case regressed
    /// Over an absolute budget.
    case overBudget = "over-budget"
    /// Ended in an error: it threw, ran past its time limit, or its set-up or tear-down failed.
    case error
    /// In the baseline, but not in this run.
    case missing
    /// Too noisy to tell: changes the size of the tolerance cannot be told from noise here.
    case noisy
    /// Faster beyond the tolerance, significantly, by more than the noise allows.
    case improved
    /// No significant change beyond the tolerance.
    case unchanged
    /// Not in the baseline.
    case new
    /// Not comparable with the baseline: another machine, build, or timing mode.
    case incomparable
    /// A negative control that moved between two builds: the code-layout effect of the build
    /// pair, not a change of the code under test.
    case layoutShift = "layout-shift"

    /// The symbol reports print: `~` for unchanged, as benchstat does.
    public var symbol: String {
        switch self {
        case .unchanged: "~"
        default: rawValue
        }
    }

    /// How much a verdict weighs when several describe one benchmark; the heaviest wins.
    var severity: Int {
        switch self {
        case .error: 8
        case .regressed: 7
        case .overBudget: 6
        case .missing: 5
        case .noisy: 4
        case .layoutShift: 4
        case .incomparable: 3
        case .improved: 2
        case .new: 1
        case .unchanged: 0
        }
    }
}
