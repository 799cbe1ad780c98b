import Foundation

/// Bootstrap confidence intervals.
public enum Bootstrap {
    /// The ratio median(`numerator`) / median(`denominator`) with its percentile-bootstrap
    /// confidence interval.
    ///
    /// Each of `resamples` resamples draws both samples again, independently and with
    /// replacement, and computes the ratio; the interval's bounds are the (1 − confidence)/2 and
    /// (1 + confidence)/2 quantiles of those ratios (linear interpolation, as
    /// ``Sample/percentile(_:)``). This is `scipy.stats.bootstrap` with `method="percentile"`
    /// and `paired=False`. The generator makes the interval reproducible.
    ///
    /// A resample's median is drawn directly rather than by drawing and sorting *n* values (see
    /// ``ResampledMedian``), so the cost does not grow with the samples' sizes.
    ///
    /// - Returns: `nil` when a resample's ratio is not a positive finite number: when
    ///   `denominator` has a value of zero or below (a resample's median could then be zero), or
    ///   when the values are so far apart that their ratio overflows or underflows a `Double`.
    ///   Callers that must have an interval check for that.
    /// - Complexity: O(*resamples* · log *resamples*) for the quantiles, plus O(1) per resample;
    ///   independent of the samples' sizes.
    public static func ratioOfMedians(
        _ numerator: Sample,
        _ denominator: Sample,
        resamples: Int = 10_000,
        confidence: Double = 0.95,
        using generator: inout some RandomNumberGenerator
    ) -> Estimate? {
        guard denominator.min > 0 else { return nil }
        precondition(resamples > 0 && (0..<1).contains(confidence), "resamples > 0 and confidence in [0, 1)")
        let top = ResampledMedian(of: numerator)
        let bottom = ResampledMedian(of: denominator)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let a = top.draw(using: &generator)
            let b = bottom.draw(using: &generator)
            ratios.append(a / b)
        }
        let point = numerator.median / denominator.median
        guard point.isFinite, point > 0, let distribution = Sample(ratios), distribution.min > 0 else { return nil }
        let tail = (1 - confidence) / 2
        return Estimate(
            point: point,
            lower: distribution.percentile(tail),
            upper: distribution.percentile(1 - tail),
            confidence: confidence
        )
    }
}
