/// When ``ThresholdMonitor/run(until:afterEachCycle:)`` stops by itself; without limits it
/// runs until its task is cancelled, which also ends a limited run early.
///
/// ```swift
/// // Every probe sampled 10 times, or 5 minutes, whichever comes first.
/// await monitor.run(until: MonitorRunLimits(samplesPerProbe: 10, duration: .seconds(300)))
/// ```
public struct MonitorRunLimits: Sendable, Hashable {
    /// Sample every registered probe this many times, then stop: a probe with a shorter
    /// interval stops at this count and waits for the slower ones. `nil`: no such limit.
    public var samplesPerProbe: Int?
    /// Stop once this much time has passed on the monitor's clock since the run started, even
    /// between two samples. `nil`: no such limit.
    public var duration: Duration?

    /// Limits of a run; both `nil` (the default) runs until cancelled.
    public init(samplesPerProbe: Int? = nil, duration: Duration? = nil) {
        precondition(samplesPerProbe.map { $0 > 0 } ?? true, "a run's count of samples must be positive")
        self.samplesPerProbe = samplesPerProbe
        self.duration = duration
    }

    /// No limit: the run ends when its task is cancelled.
    public static let none = MonitorRunLimits()
}
