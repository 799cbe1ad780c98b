import Foundation

/// Maps values to pixels along one axis, linearly or logarithmically, and proposes ticks at
/// round values people read at a glance.
struct ChartScale {
    let lower: Double
    let upper: Double
    let start: Double
    let end: Double
    let isLogarithmic: Bool

    /// A scale from `lower...upper` to `start...end` pixels; logarithmic when asked and both
    /// bounds are positive.
    init(_ lower: Double, _ upper: Double, to start: Double, _ end: Double, logarithmic: Bool = false) {
        // Far beyond any time or count, and far enough from the largest Double that padding
        // and tick steps stay finite.
        let limit = 1e300
        var lower = min(max(lower.isNaN ? 0 : lower, -limit), limit)
        var upper = min(max(upper.isNaN ? 0 : upper, -limit), limit)
        let isLogarithmic = logarithmic && lower > 0 && upper > lower
        if upper <= lower {
            // One value: give it room around it.
            let pad = lower == 0 ? 1 : abs(lower) * 0.05
            lower -= pad
            upper += pad
        }
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
        self.isLogarithmic = isLogarithmic
    }

    func callAsFunction(_ value: Double) -> Double {
        let fraction: Double
        if isLogarithmic {
            fraction = (log10(max(value, lower)) - log10(lower)) / (log10(upper) - log10(lower))
        } else {
            fraction = (value - lower) / (upper - lower)
        }
        return start + min(max(fraction, 0), 1) * (end - start)
    }

    /// About `count` ticks at 1, 2 or 5 times a power of ten; on a logarithmic scale spanning
    /// more than a decade, powers of ten (and 2 and 5 times them over two decades or less).
    func ticks(count: Int = 5) -> [Double] {
        if isLogarithmic, upper / lower >= 10 {
            let first = Int(floor(log10(lower))), last = Int(ceil(log10(upper)))
            let multipliers: [Double] = last - first <= 2 ? [1, 2, 5] : [1]
            return (first...last).flatMap { exponent in multipliers.map { $0 * pow(10, Double(exponent)) } }
                .filter { $0 >= lower && $0 <= upper }
        }
        let rough = (upper - lower) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        // A span too small for its magnitude (subnormal, or below the values' precision) has
        // no step that moves a tick: label its ends.
        guard step > 0, step.isFinite, lower + step > lower else { return [lower, upper] }
        var tick = ceil(lower / step) * step
        var ticks: [Double] = []
        while tick <= upper + step * 1e-9, ticks.count <= 4 * max(count, 1) {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }
}
