/// A value a ``ThresholdMonitor`` samples on an interval: a metric's name and an async closure
/// that measures it.
///
/// ```swift
/// MonitorProbe("cache.hit-rate", interval: .seconds(30)) { await cache.statistics.hitRate }
/// ```
///
/// The closure runs in a task of its own. One that throws, or has not returned after
/// ``timeout``, records a failure, and the monitor goes on; it is sampled again only once its
/// earlier call has returned, so a hung probe costs one task, not one per interval. A probe
/// must not block its thread while it waits: the monitor can abandon a call, not stop it.
public struct MonitorProbe: Sendable {
    /// The metric it records into.
    public var name: String
    /// How often it is sampled.
    public var interval: Duration
    /// How long a sample may take before it counts as a failure.
    public var timeout: Duration
    /// Measures the value.
    public var measure: @Sendable () async throws -> Double
    /// Releases what the probe holds outside the process's memory (files, connections); run
    /// once by ``ThresholdMonitor/shutDownProbes()`` when the monitor stops, since a process
    /// that exits releases no objects.
    public var shutdown: (@Sendable () async -> Void)?

    /// Creates a probe; the timeout defaults to the interval.
    public init(
        _ name: String,
        interval: Duration,
        timeout: Duration? = nil,
        shutdown: (@Sendable () async -> Void)? = nil,
        measure: @escaping @Sendable () async throws -> Double
    ) {
        precondition(interval > .zero, "a probe's interval must be positive")
        self.name = name
        self.interval = interval
        self.timeout = timeout ?? interval
        self.shutdown = shutdown
        self.measure = measure
    }
}

/// How one sample of a probe ended.
public enum ProbeOutcome: Sendable, Hashable {
    /// It returned a value.
    case value(Double)
    /// It threw; the error's description.
    case failed(String)
    /// It had not returned after its timeout.
    case timedOut(Duration)
    /// Its previous call has not returned yet, so it was not called again.
    case stillRunning
    /// The task waiting for it was cancelled first: the monitor is stopping.
    case cancelled

    /// A one-line description of a failure; `nil` for a value.
    public var failureDescription: String? {
        switch self {
        case .value: nil
        case .failed(let message): "threw: \(message)"
        case .timedOut(let timeout): "no value within its timeout of \(Formatting.duration(timeout))"
        case .stillRunning: "its previous call, abandoned after its timeout, has not returned"
        case .cancelled: "the monitor stopped waiting for it"
        }
    }
}
