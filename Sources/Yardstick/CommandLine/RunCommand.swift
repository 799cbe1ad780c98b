import Foundation

/// `bench run`: measure, summarise, write `results.json`, print the summary table.
struct RunCommand {
    let options: RunOptions
    let suites: [Suite]

    func execute(console: Console) async throws(CommandLineError) -> ExitCode {
        let plan = try makePlan(suites: suites, filters: options.filters, overrides: options.overrides)
        if BuildConfiguration.current == .debug {
            console.error(Self.debugWarning)
        }
        let progress = ProgressReporter(console: console, quiet: options.isQuiet)
        let measurement = await Runner(watchdog: Watchdog()).run(plan, events: progress.handle)
        let results = RunResults(
            measurement: measurement,
            environment: .current(),
            sampleCap: options.sampleCap
        )
        let resultsURL = URL(fileURLWithPath: options.outputDirectory).appendingPathComponent("results.json")
        do {
            try ResultsFile.write(results, to: resultsURL)
        } catch {
            throw .output(error.description)
        }
        console.output(SummaryTable(results).render())
        if BuildConfiguration.current == .debug {
            console.error(Self.debugWarning)
        }
        return results.hasErrors ? .failure : .success
    }

    static let debugWarning = """
        bench: WARNING: this is a DEBUG build. Its timings are NOT comparable with release builds
        bench: WARNING: or with any baseline. Measure with: swift run -c release bench

        """
}
