import Foundation

/// `bench compare OLD NEW`: judge one results file against another, measuring nothing; with
/// `--output`, write the judged results and every report there, as `run` does.
struct CompareCommand {
    let options: CompareOptions

    func execute(console: Console) throws(CommandLineError) -> ExitCode {
        let baseline = try load(options.baselinePath)
        var current = try load(options.currentPath)
        try requireBudgetsSelect(options.budgets, among: current.benchmarks.map(\.name))
        current = current.addingBudgets(options.budgets)
        let judgement = Judge(options: options.judgement).judge(current, against: baseline, baselineName: options.baselinePath)
        if let outputDirectory = options.outputDirectory {
            do {
                // No history: two files carry none, and the store's would belong to another baseline.
                try ReportWriter(directory: URL(fileURLWithPath: outputDirectory)).write(ReportInput(results: current, judgement: judgement, baseline: baseline))
            } catch {
                throw .output(error.description)
            }
        }
        console.output(VerdictTable(judgement).render())
        if judgement.refusesForeignBaseline {
            console.error("bench: error: \(foreignBaselineMessage(judgement, path: options.baselinePath))\n")
        }
        return ExitCode(judging: current, judgement: judgement)
    }

    private func load(_ path: String) throws(CommandLineError) -> RunResults {
        do {
            return try ResultsFile.load(from: URL(fileURLWithPath: path))
        } catch {
            throw .input(error.description)
        }
    }
}
