import Foundation

/// How much of a run a results file keeps.
///
/// A run's `results.json` is ``full``: the CI artifact that keeps everything measured. A
/// committed baseline is ``compact``: what judging, the monitor and the reports read from a
/// baseline, and nothing else, so that a nightly commit costs kilobytes instead of
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

    /// The significant digits of every fractional number in the compact form: 7, a relative
    /// step of at most 5e-7, which is more than 200 times finer than the finest resolution of any
    /// time measured (a clock tick of 1 ns over a batch of 6,370 calls of 1.4 ns is 1.1e-4 of
    /// the value). Full precision would mostly write the digits of a division by a batch size:
    /// 9 characters per round median instead of 5, and 71 KB instead of 58 KB for the 31
    /// reference benchmarks. Whole numbers, such as counts, are written exactly.
    public static let compactSignificantDigits = 7
}

extension CodingUserInfoKey {
    /// The ``ResultsForm`` an encoder writes; ``ResultsForm/full`` when absent.
    static let resultsForm = CodingUserInfoKey(rawValue: "Yardstick.ResultsForm")!
}

extension Encoder {
    /// The form of results this encoder writes.
    var resultsForm: ResultsForm { userInfo[.resultsForm] as? ResultsForm ?? .full }
}
