import Foundation

/// How much of a run a results file keeps.
///
/// A run's `results.json` is ``full``: the CI artifact that keeps everything measured. A
/// committed baseline is ``compact``: what judging, the monitor and the reports read from a
/// baseline, losslessly, and nothing else, so that a nightly commit costs kilobytes instead of
/// the best part of a megabyte. Readers accept either form.
public enum ResultsForm: Sendable, Hashable {
    /// Every field: raw samples, every percentile of every round, counts per process.
    case full
    /// Per benchmark: configuration, summary, counts and round medians, with no raw sample
    /// values and no dispersion (it is recomputed from the medians on reading). Rounds are
    /// stored as columns grouped by process (see ``BenchmarkResult/rounds``); a round's other percentiles are kept only when one of the
    /// benchmark's gates compares a wall-time percentile other than the median, its CPU time
    /// only when a gate compares CPU time. Counts are columns too, one number where every
    /// process agrees.
    case compact
}

extension CodingUserInfoKey {
    /// The ``ResultsForm`` an encoder writes; ``ResultsForm/full`` when absent.
    static let resultsForm = CodingUserInfoKey(rawValue: "Yardstick.ResultsForm")!
}

extension Encoder {
    /// The form of results this encoder writes.
    var resultsForm: ResultsForm { userInfo[.resultsForm] as? ResultsForm ?? .full }
}
