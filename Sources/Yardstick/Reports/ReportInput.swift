/// What a report describes: a run, with its verdicts when it was judged, and, for charts, the
/// baseline it was judged against and that baseline's history.
public struct ReportInput: Sendable {
    /// The run.
    public var results: RunResults
    /// Its verdicts, when it was judged.
    public var judgement: RunJudgement?
    /// The baseline named in the run's judgement, for distributions; `nil` when there is none
    /// or it could not be read.
    public var baseline: RunResults?
    /// The baseline's history, oldest first, for trends.
    public var history: [BaselineHistoryRecord]

    /// Creates the input of a report.
    public init(
        results: RunResults,
        judgement: RunJudgement? = nil,
        baseline: RunResults? = nil,
        history: [BaselineHistoryRecord] = []
    ) {
        self.results = results
        self.judgement = judgement
        self.baseline = baseline
        self.history = history
    }

    /// The suites of the run, in run order, each with its benchmarks' judgements (or `nil`
    /// judgements when the run was not judged) and results.
    var suites: [(name: String, rows: [(result: BenchmarkResult?, judgement: BenchmarkJudgement?)])] {
        var order: [String] = []
        var rows: [String: [(BenchmarkResult?, BenchmarkJudgement?)]] = [:]
        let judgements = judgement?.benchmarks ?? []
        for result in results.benchmarks {
            if rows[result.suite] == nil { order.append(result.suite) }
            rows[result.suite, default: []].append((result, judgements.first { $0.name == result.name }))
        }
        for judgement in judgements where results.benchmark(named: judgement.name) == nil {
            if rows[judgement.suite] == nil { order.append(judgement.suite) }
            rows[judgement.suite, default: []].append((nil, judgement))
        }
        return order.map { ($0, rows[$0]!.map { (result: $0.0, judgement: $0.1) }) }
    }

    /// Whether the run was judged side by side against a base build (`bench ab`).
    var isSideBySide: Bool { judgement?.ab != nil }

    /// How reports name the two sides: `base` and `head` side by side, `baseline` and
    /// `current` against a stored baseline.
    var sideNames: (old: String, new: String) { isSideBySide ? ("base", "head") : ("baseline", "current") }

    /// `PASS`, `FAIL` or `NOT JUDGED`, as every report's headline says it.
    var outcome: String {
        guard let judgement = judgement else { return results.hasErrors ? "FAIL" : "PASS" }
        if judgement.refusesForeignBaseline { return "NOT JUDGED" }
        return judgement.failures.isEmpty && !results.hasErrors ? "PASS" : "FAIL"
    }
}
