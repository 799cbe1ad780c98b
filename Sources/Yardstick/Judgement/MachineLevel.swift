import Foundation

/// How far the machine's speed moved between a stored baseline and this run, as the run's
/// negative controls measured it.
///
/// A shared virtual machine runs at speed levels that last hours: the harness arithmetic took
/// 10.5 µs per call when a baseline was recorded and 8.1 µs a week later, and memory-bound
/// work moved by 36-42% over the same span. Against a stored baseline such a move is not a
/// change of the code, yet it is larger than any tolerance. The controls (benchmarks marked
/// `isControl`, whose code no change under test touches, such as `harness.reference.spin`)
/// measure it: when one of them moved significantly and beyond its tolerance, the machine's
/// level changed.
///
/// The level then spans the controls' changes (and no change at all): those of the
/// benchmark's own suite when it has compared controls, since a suite's control does the same
/// kind of work, or else all of them, because different kinds of work move by different
/// amounts. A benchmark whose change lies within that span, widened by the benchmark's own
/// threshold, cannot be told from the level: it is
/// *noisy (machine level changed)*, never *improved* or *regressed*. A change outside it (say
/// a slowdown while the machine got faster) is still judged. Only a side-by-side comparison
/// (`bench ab`) sees changes within the span.
public struct MachineLevel: Sendable, Hashable, Codable {
    /// One control's change against the baseline.
    public struct ControlChange: Sendable, Hashable, Codable {
        /// The control's name.
        public var name: String
        /// Its suite: a benchmark is held to its own suite's controls when it has any, since
        /// each suite's control does the same kind of work (arithmetic, hashing, SQLite).
        public var suite: String
        /// Its median's change, current / baseline − 1.
        public var change: Double
        /// Whether it moved: significantly, and beyond its tolerance.
        public var moved: Bool
    }

    /// The controls compared, in the run's order.
    public var controls: [ControlChange]

    /// The median change of the controls that moved: how much more (positive) or less time
    /// the same work takes now.
    public var change: Double {
        Sample(controls.filter(\.moved).map(\.change))?.median ?? 0
    }

    /// The smallest change the level explains: the lowest of the controls' changes, or zero.
    public var lowest: Double { Self.span(of: controls).lowest }

    /// The largest change the level explains: the highest of the controls' changes, or zero.
    public var highest: Double { Self.span(of: controls).highest }

    /// The span of changes a benchmark of `suite` is held to: its suite's controls' when the
    /// suite has any, or all controls'. Arithmetic moved 23% where memory-bound work moved 40%.
    public func span(forSuite suite: String) -> (lowest: Double, highest: Double) {
        let own = controls.filter { $0.suite == suite }
        return Self.span(of: own.isEmpty ? controls : own)
    }

    private static func span(of controls: [ControlChange]) -> (lowest: Double, highest: Double) {
        let changes = controls.map(\.change)
        return (min(0, changes.min() ?? 0), max(0, changes.max() ?? 0))
    }

    /// The level measured by `controls`, or `nil` when none of them moved.
    public init?(controls: [ControlChange]) {
        guard controls.contains(where: \.moved) else { return nil }
        self.controls = controls
    }

    /// Whether a change of `change` of a benchmark in `suite` lies within the level's span for
    /// that suite, widened by `threshold` (the change the benchmark must exceed to count) on a
    /// ratio scale.
    public func explains(_ change: Double, inSuite suite: String, threshold: Double) -> Bool {
        let (lowest, highest) = span(forSuite: suite)
        let ratio = log1p(change)
        return ratio >= log1p(lowest) - log1p(threshold) && ratio <= log1p(highest) + log1p(threshold)
    }

}
