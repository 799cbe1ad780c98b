import Foundation

/// `bench report --from FILE`: render a saved run again, in any of the report formats.
struct ReportCommand {
    let options: ReportOptions

    func execute(console: Console) throws(CommandLineError) -> ExitCode {
        let results: RunResults
        do {
            results = try ResultsFile.load(from: URL(fileURLWithPath: options.source))
        } catch {
            throw .input(error.description)
        }
        // The judged baseline, for the charts, when it is still in the store.
        var baseline: RunResults?
        var history: [BaselineHistoryRecord] = []
        if let name = results.judgement?.baseline?.name {
            let store = BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory))
            baseline = try? store.load(name)
            history = store.history(of: name)
            if baseline == nil {
                console.error("bench: note: baseline '\(name)' is not in \(options.baselinesDirectory); charts show this run alone\n")
            }
        }
        let writer = ReportWriter(directory: URL(fileURLWithPath: options.outputDirectory), formats: options.formats)
        do {
            for url in try writer.write(ReportInput(results: results, baseline: baseline, history: history)) {
                console.output("wrote \(url.relativePath)\n")
            }
        } catch {
            throw .output(error.description)
        }
        return .success
    }
}

/// Options of `bench report`.
struct ReportOptions: Equatable {
    /// The results file to render.
    var source: String
    var formats: [ReportFormat] = ReportFormat.allCases
    var outputDirectory = "reports"
    var baselinesDirectory = "baselines"
}
