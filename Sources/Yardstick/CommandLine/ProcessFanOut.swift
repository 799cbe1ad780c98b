import Foundation

/// Measures in several processes, one after another: each a fresh run of this executable with
/// `run --no-baseline` (a ``MeasuringProcess``), whose results are merged into one run with each
/// round tagged by its process. Speed levels that a process keeps for its whole life
/// (measured: a memory-bound benchmark at 10.8 µs in some processes, 21.5 µs in others) become
/// visible only this way.
///
/// Processes run one at a time, never in parallel, so they do not disturb each other. The
/// first starts from ``priorPlans``; every later one reuses the timing plans of the processes
/// before it (see ``PriorTimingPlans``), so that they all time a benchmark the same way.
struct ProcessFanOut {
    let options: MeasurementOptions
    let console: Console
    /// The timing plans the first process starts from: the baseline's, or none.
    var priorPlans: PriorTimingPlans?
    /// Runs one child into its output folder and reads its results; tests stand in for it.
    var measureProcess: (MeasuringProcess, URL) throws(MeasuringProcessError) -> RunResults = { child, output throws(MeasuringProcessError) in
        try child.run(output: output)
    }

    func run() async throws(CommandLineError) -> RunResults {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-processes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = MeasuringProcess(
            executable: MeasuringProcess.currentExecutable(), filters: options.filters.patterns, overrides: options.overrides
        )
        var parts: [RunResults] = []
        var plans = priorPlans
        let clock = MonotonicClock()
        for index in 0..<options.processes {
            if !options.isQuiet {
                console.error("bench: process \(index + 1)/\(options.processes): measuring\n")
            }
            let start = clock.now()
            do {
                var child = child
                child.priorPlans = plans
                let part = try measureProcess(child, directory.appendingPathComponent("\(index)"))
                parts.append(part)
                plans = PriorTimingPlans.after(part, given: plans)
            } catch {
                throw .crashed("process \(index + 1) of \(options.processes) \(error); nothing was written")
            }
            if !options.isQuiet {
                let seconds = Double(clock.now() &- start) / 1e9
                console.error("bench: process \(index + 1)/\(options.processes) done in \(Formatting.elapsed(seconds: seconds))\n")
            }
        }
        return RunResults.merging(parts, sampleCap: options.sampleCap)
    }
}
