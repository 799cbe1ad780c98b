import Foundation
@testable import Yardstick

/// Judgements built by hand, for tests of which comparison a report shows.
enum DecidingGateFixtures {
    /// A comparison of `metric` from `baseline` to `current` ns, with an interval of ±10 points
    /// around the change.
    static func comparison(_ metric: Metric, baseline: Double, current: Double, verdict: Verdict) -> MetricComparison {
        let change = current / baseline - 1
        return MetricComparison(
            metric: metric,
            baselineNanoseconds: baseline,
            currentNanoseconds: current,
            change: Estimate(point: change, lower: change - 0.1, upper: change + 0.1, confidence: 0.95),
            pValue: 0.001,
            adjustedPValue: 0.001,
            test: .exact,
            noise: NoiseEstimate(interval: 0.02, processes: 0, levels: 0),
            tolerance: 0.05,
            alpha: 0.01,
            verdict: verdict,
            reason: verdict == .unchanged ? nil : .text("\(metric): \(verdict.rawValue)"),
            rounds: RoundCounts(current: 10, baseline: 10)
        )
    }
}
