import Foundation

/// `bench compare OLD NEW`: judge one results file against another, measuring nothing.
struct CompareCommand {
    let options: CompareOptions

    func execute(console: Console) throws(CommandLineError) -> ExitCode {
        let baseline = try load(options.baselinePath)
        var current = try load(options.currentPath)
        current.judgement = Judge(options: options.judgement).judge(current, against: baseline, baselineName: options.baselinePath)
        guard let judgement = current.judgement else { return .success }
        console.output(VerdictTable(judgement).render())
        if judgement.refusesForeignBaseline {
            console.error("bench: error: \(foreignBaselineMessage(judgement, path: options.baselinePath))\n")
        }
        return ExitCode(judging: current)
    }

    private func load(_ path: String) throws(CommandLineError) -> RunResults {
        do {
            return try ResultsFile.load(from: URL(fileURLWithPath: path))
        } catch {
            throw .input(error.description)
        }
    }
}
