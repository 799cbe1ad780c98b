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

/// Measures a shard's part of a selection (all of it without `--shard`), and records in the
/// results which shard of which selection they are. A shard with no suites measures nothing
/// and says so in an empty results file, so that `bench merge` still finds every shard.
func measure(
    _ shard: ShardSelection,
    options: MeasurementOptions,
    priorPlans: PriorTimingPlans?,
    console: Console
) async throws(CommandLineError) -> RunResults {
    var options = options
    options.filters = shard.processFilters(options.filters)
    let processes = options.processes
    if shard.plan.entries.isEmpty { options.processes = 1 }
    var results = try await measure(shard.plan, options: options, priorPlans: priorPlans, console: console)
    results.processes = processes
    results.shard = shard.record
    return results
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
