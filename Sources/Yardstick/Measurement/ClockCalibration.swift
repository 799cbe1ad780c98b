/// What reading the clocks adds to what they measure.
///
/// The runner subtracts the wall-clock overhead from every timing window, so a window's time is
/// the time of its calls, and the CPU-clock overhead from every round's CPU time: a CPU-clock
/// read is a system call (650-680 ns measured on a 2-core VM), so without the correction a short
/// round would report more CPU time than wall time. Each figure is the median of many empty
/// measurements, so a preemption during calibration does not skew it.
public struct ClockCalibration: Sendable, Hashable {
    /// Nanoseconds an empty timing window measures on the wall clock.
    public var overheadNanoseconds: Double
    /// Nanoseconds of CPU time two back-to-back CPU-clock reads measure.
    public var cpuOverheadNanoseconds: Double
    /// CPU time the runner spends per timing window outside the window (reading the clock,
    /// storing the sample, checking the time limit), measured by the runner on an empty body.
    public var cpuPerWindowNanoseconds: Double

    /// Creates a calibration with known overheads.
    public init(overheadNanoseconds: Double, cpuOverheadNanoseconds: Double = 0, cpuPerWindowNanoseconds: Double = 0) {
        self.overheadNanoseconds = overheadNanoseconds
        self.cpuOverheadNanoseconds = cpuOverheadNanoseconds
        self.cpuPerWindowNanoseconds = cpuPerWindowNanoseconds
    }

    /// Calibrates both clocks.
    static func measure(wall: any NanosecondClock, cpu: any NanosecondClock) -> ClockCalibration {
        ClockCalibration(
            overheadNanoseconds: measure(wall).overheadNanoseconds,
            cpuOverheadNanoseconds: median(of: 200) {
                let first = cpu.now()
                return cpu.now() &- first
            }
        )
    }

    /// Times `windows` empty windows on `clock`, through the same window code the benchmarks
    /// use, and keeps their median.
    ///
    /// - Complexity: O(*windows* log *windows*); 2,000 windows take well under a millisecond.
    static func measure(_ clock: any NanosecondClock, windows: Int = 2_000) -> ClockCalibration {
        let window: (any NanosecondClock, Int, Int) -> UInt64 = { clock, first, count in
            timeWindow(clock, from: first, count: count) { index in blackHole(index) }
        }
        return ClockCalibration(overheadNanoseconds: median(of: windows) { window(clock, 0, 0) })
    }

    private static func median(of count: Int, _ measure: () -> UInt64) -> Double {
        var values = [UInt64]()
        values.reserveCapacity(count)
        for _ in 0..<count {
            values.append(measure())
        }
        values.sort()
        return Double(values[values.count / 2])
    }
}
