import Foundation

/// Everything one process measured in one run.
public struct RunMeasurement: Sendable {
    /// When set-up began.
    public var startedAt: Date
    /// When tear-down ended.
    public var finishedAt: Date
    /// The cost of an empty timing window, subtracted from every window.
    public var clockCalibration: ClockCalibration
    /// One entry per selected benchmark, in plan order.
    public var benchmarks: [BenchmarkMeasurement]

    /// Creates a run's measurement.
    public init(
        startedAt: Date,
        finishedAt: Date,
        clockCalibration: ClockCalibration,
        benchmarks: [BenchmarkMeasurement]
    ) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.clockCalibration = clockCalibration
        self.benchmarks = benchmarks
    }
}
