import Foundation

/// Measures a plan, in this process or in several (``MeasurementOptions/processes``), with
/// progress on the console, and summarises the run. Timing plans start from `priorPlans`.
func measure(
    _ plan: RunPlan,
    options: MeasurementOptions,
    priorPlans: PriorTimingPlans?,
    console: Console
) async throws(CommandLineError) -> RunResults {
    if options.processes > 1 {
        return try await ProcessFanOut(options: options, console: console, priorPlans: priorPlans).run()
    }
    let progress = ProgressReporter(console: console, quiet: options.isQuiet)
    let measurement = await Runner(watchdog: Watchdog(), priorPlans: priorPlans).run(plan, events: progress.handle)
    return RunResults(measurement: measurement, environment: .current(), sampleCap: options.sampleCap)
}

/// Writes the debug-build warning when this is a debug build.
func warnIfDebugBuild(_ console: Console) {
    if BuildConfiguration.current == .debug {
        console.error("""
            bench: WARNING: this is a DEBUG build. Its timings are NOT comparable with release builds
            bench: WARNING: or with any baseline. Measure with: swift run -c release bench

            """)
    }
}
