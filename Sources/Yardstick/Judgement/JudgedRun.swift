/// A run and the verdicts it was judged with: what a judged `results.json` holds. Results
/// knows nothing of judging, so the two travel side by side rather than one inside the other.
public struct JudgedRun: Sendable {
    /// The run's measurements.
    public var results: RunResults
    /// Its verdicts; `nil` when the run was not judged.
    public var judgement: RunJudgement?

    /// A run with its verdicts, if any.
    public init(results: RunResults, judgement: RunJudgement?) {
        self.results = results
        self.judgement = judgement
    }
}
