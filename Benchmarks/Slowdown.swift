import Foundation

/// A known slowdown of chosen benchmarks, so that experiments can check that the gate catches
/// one (`Scripts/noise-experiment.sh`, `Scripts/ab-experiment.sh`). With a factor of 1.1:
/// - `harness.arithmetic.1x` and `.2x` run 10% more steps (arithmetic);
/// - `harness.dictionary` makes 10% more lookups (memory-bound);
/// - `cache.get` and `validation.simple` repeat every tenth call (components; both are timed
///   in batches of dozens of calls, so every sample carries its share of repeats); a repeated
///   get reads a key far from the next calls', so the work it adds is a full get's.
///
/// The factor is the environment variable `YARDSTICK_SLOWDOWN` when set (for runs of one
/// executable), else ``compiledFactor`` (for two builds side by side, where one build must be
/// slower than the other: the A/B experiment edits the constant in the head's copy).
enum Slowdown {
    /// The factor when `YARDSTICK_SLOWDOWN` is not set.
    static let compiledFactor = 1.0

    /// The factor in effect; at least 1.
    static let factor: Double = {
        if let text = ProcessInfo.processInfo.environment["YARDSTICK_SLOWDOWN"], let factor = Double(text), factor >= 1, factor.isFinite {
            return factor
        }
        return max(1, compiledFactor)
    }()

    /// Every how many calls one is repeated, so that a call does `factor` times its work on
    /// average: 10 for 1.1; 0 for no slowdown.
    static let repeatPeriod: Int = factor > 1 ? max(1, Int((1 / (factor - 1)).rounded())) : 0

    /// Whether call `index` is done twice.
    @inline(__always)
    static func repeats(_ index: Int) -> Bool {
        repeatPeriod > 0 && index % repeatPeriod == 0
    }

    /// `count` scaled by the factor.
    static func scaled(_ count: Int) -> Int {
        Int((Double(count) * factor).rounded())
    }
}
