import Foundation

/// `bench report --from FILE`: render a saved run again, in any of the report formats.
struct ReportCommand {
    let options: ReportOptions

    func execute(console: Console) throws(CommandLineError) -> ExitCode {
        let run: JudgedRun
        do {
            run = try ResultsFile.loadJudged(from: URL(fileURLWithPath: options.source))
        } catch {
            throw .input(error.description)
        }
        let (results, judgement) = (run.results, run.judgement)
        // The judged baseline, for the charts, when the store still holds that very one (an
        // update since would show other figures than the verdicts were reached with).
        var baseline: RunResults?
        var history: [BaselineHistoryRecord] = []
        if judgement?.ab != nil, let judged = judgement?.baseline {
            // A side-by-side run keeps its base beside it, not in the store.
            let url = URL(fileURLWithPath: options.source).deletingLastPathComponent().appendingPathComponent(ABCommand.baseFileName)
            if let base = try? ResultsFile.load(from: url), base.finishedAt == judged.recordedAt {
                baseline = base
            } else {
                console.error("bench: note: the base's results (\(url.relativePath)) are missing or from another run; charts show the head alone\n")
            }
        } else if let judged = judgement?.baseline {
            let store = BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory))
            if let stored = try? store.load(judged.name), stored.finishedAt == judged.recordedAt {
                baseline = stored
                history = store.history(of: judged.name).filter { $0.recordedAt <= judged.recordedAt }
            } else {
                console.error(
                    "bench: note: baseline '\(judged.name)' as judged (recorded \(Timestamp.format(judged.recordedAt))) is not in "
                        + "\(options.baselinesDirectory); charts show this run alone\n"
                )
            }
        }
        let writer = ReportWriter(directory: URL(fileURLWithPath: options.outputDirectory), formats: options.formats)
        do {
            for url in try writer.write(ReportInput(results: results, judgement: judgement, baseline: baseline, history: history)) {
                console.output("wrote \(url.relativePath)\n")
            }
        } catch {
            throw .output(error.description)
        }
        return .success
    }
}
