/// One pass of a monitor's run: the probes that were due, sampled, and the dashboard after
/// them. A run hands each to its observer, which writes files, pushes metrics or prints
/// progress (see ``ThresholdMonitor/run(until:afterEachCycle:)``).
public struct MonitorCycle: Sendable {
    /// How each probe sampled in this pass ended, by name; a probe another caller was
    /// sampling at the time is absent.
    public var outcomes: [String: ProbeOutcome]
    /// How many samples every registered probe has had at least, since the run started (or
    /// since it was registered, for a probe registered during the run).
    public var completedSamples: Int
    /// Whether this pass took ``completedSamples`` higher than any pass before it: it gave the
    /// slowest probe its next sample. With one interval for all, every pass does.
    public var completesASample: Bool
    /// The dashboard as this pass left it.
    public var snapshot: DashboardSnapshot

    /// A pass; made by the run, or by a test of an observer.
    public init(outcomes: [String: ProbeOutcome], completedSamples: Int, completesASample: Bool, snapshot: DashboardSnapshot) {
        self.outcomes = outcomes
        self.completedSamples = completedSamples
        self.completesASample = completesASample
        self.snapshot = snapshot
    }
}
