import Foundation

/// What a side-by-side judgement compared, and what it found about the build pair beyond its
/// verdicts.
public struct ABContext: Sendable, Hashable, Codable {
    /// The base build.
    public var base: ABBuildSummary
    /// The head build.
    public var head: ABBuildSummary
    /// The order the processes ran in.
    public var schedule: ABSchedule
    /// Controls that moved between the builds: code no change can touch, so their move is
    /// the code-layout effect of this build pair.
    public var layoutShifts: [LayoutShift]

    /// Creates a context.
    public init(base: ABBuildSummary, head: ABBuildSummary, schedule: ABSchedule, layoutShifts: [LayoutShift] = []) {
        self.base = base
        self.head = head
        self.schedule = schedule
        self.layoutShifts = layoutShifts
    }

    /// The largest layout shift in `suite`, as a fraction; 0 when no control of it moved.
    public func layoutShift(inSuite suite: String) -> Double {
        layoutShifts.filter { $0.suite == suite }.map { abs($0.change) }.max() ?? 0
    }
}

/// One side of a comparison, as reports name it.
public struct ABBuildSummary: Sendable, Hashable, Codable {
    /// `origin/main (3f2a9c01de)`, `working tree (…)`, or an executable's path.
    public var description: String
    /// The commit, when the build is exactly one.
    public var commit: String?
    /// How many processes measured it.
    public var processes: Int
    /// Whether Yardstick built it with its aligned code layout.
    public var isLayoutControlled: Bool

    /// Creates a summary.
    public init(description: String, commit: String?, processes: Int, isLayoutControlled: Bool) {
        self.description = description
        self.commit = commit
        self.processes = processes
        self.isLayoutControlled = isLayoutControlled
    }
}

/// A control that moved between the base and the head.
public struct LayoutShift: Sendable, Hashable, Codable {
    /// The control's suite.
    public var suite: String
    /// The control.
    public var control: String
    /// head / base − 1 of its per-process fastest rounds.
    public var change: Double
    /// The U test's p-value, unadjusted: a control counts as moved at the benchmark's alpha
    /// without Holm's correction, which errs toward seeing a layout effect.
    public var pValue: Double

    /// The move of `control`, of `suite`, by `change` (head / base − 1) at unadjusted `pValue`.
    public init(suite: String, control: String, change: Double, pValue: Double) {
        self.suite = suite
        self.control = control
        self.change = change
        self.pValue = pValue
    }
}
