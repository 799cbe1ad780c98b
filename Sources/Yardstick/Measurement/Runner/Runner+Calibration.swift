extension Runner {
    /// This runner with its clocks calibrated now, so that later runs skip calibrating:
    /// for a caller that runs many small plans, such as a monitor's samples.
    func calibrated() async -> Runner {
        var runner = self
        if runner.clockCalibration == nil { runner.clockCalibration = await calibrate() }
        return runner
    }

    /// Measures the clocks' costs, and the CPU time the runner spends per timing window by
    /// timing 2,000 one-call windows of an empty body through the same code as every round.
    func calibrate() async -> ClockCalibration {
        var calibration = ClockCalibration.measure(wall: wallClock, cpu: cpuClock)
        let empty = windowFunction(for: .synchronous { clock, first, count in
            timeWindow(clock, from: first, count: count) { index in blackHole(index) }
        })
        let windows = 2_000
        var unlimited = TimeBudget(limit: .max, spent: 0)
        if let timed = try? await timeWindows(
            empty, sizes: Array(repeating: 1, count: windows), from: 0,
            overheadNanoseconds: calibration.overheadNanoseconds, budget: &unlimited
        ) {
            calibration.cpuPerWindowNanoseconds = max(0, (timed.cpuNanoseconds - calibration.cpuOverheadNanoseconds) / Double(windows))
        }
        return calibration
    }
}
