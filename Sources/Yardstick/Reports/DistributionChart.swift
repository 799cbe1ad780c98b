import Foundation

/// Two empirical cumulative distributions of time per call, this run's against the
/// baseline's, with p50 and p99 marked on each: the share of calls (up the axis) that took at
/// most a given time (along it). A shift right is a slowdown; a longer right tail is worse
/// outliers.
struct DistributionChart {
    let name: String
    let current: Sample
    let baseline: Sample?
    let isBatched: Bool

    private let width = 640.0, height = 300.0
    private let left = 56.0, right = 16.0, top = 44.0, bottom = 42.0

    func render() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let all = [current] + (baseline.map { [$0] } ?? [])
        // The axis ends at the largest p99.9, so one stray sample cannot flatten the picture.
        let low = all.map(\.min).min()!, high = all.map { $0.percentile(0.999) }.max()!
        let x = ChartScale(low, high, to: left, width - right, logarithmic: high / max(low, 1e-9) > 4)
        let y = ChartScale(0, 1, to: height - bottom, top)

        for tick in x.ticks() {
            canvas.line(x(tick), top, x(tick), height - bottom, stroke: ChartColor.grid)
            canvas.text(x(tick), height - bottom + 16, Formatting.duration(nanoseconds: tick), anchor: .middle, size: 11, fill: ChartColor.axis)
        }
        for tick in [0.0, 0.25, 0.5, 0.75, 1] {
            canvas.line(left, y(tick), width - right, y(tick), stroke: ChartColor.grid)
            canvas.text(left - 6, y(tick) + 4, "\(Int(tick * 100))%", anchor: .end, size: 11, fill: ChartColor.axis)
        }
        canvas.line(left, height - bottom, width - right, height - bottom, stroke: ChartColor.axis)
        canvas.text((left + width - right) / 2, height - 8, isBatched ? "time per call (batch means)" : "time per call",
                    anchor: .middle, size: 11, fill: ChartColor.axis)

        if let baseline {
            canvas.polyline(curve(baseline, x, y), stroke: ChartColor.baseline, dash: "6 4")
        }
        canvas.polyline(curve(current, x, y), stroke: ChartColor.current)

        // Markers: p50 and p99 of each, tagged beside the dot; the values are in the caption.
        let sides = [(current, ChartColor.current, 1.0)] + (baseline.map { [($0, ChartColor.baseline, -1.0)] } ?? [])
        for (sample, color, side) in sides {
            for (p, name) in [(0.5, "p50"), (0.99, "p99")] {
                let value = sample.percentile(p)
                canvas.line(x(value), y(p), x(value), height - bottom, stroke: color, width: 1, dash: "2 2")
                canvas.circle(x(value), y(p), radius: 3.5, fill: color)
                canvas.text(x(value) + 6 * side, y(p) + (side > 0 ? -6 : 14), name, anchor: side > 0 ? .start : .end, size: 10, fill: color)
            }
        }
        canvas.line(left, 14, left + 24, 14, stroke: ChartColor.current, width: 2)
        canvas.text(left + 30, 18, "this run (\(Formatting.count(current.count)) samples)", size: 12)
        if let baseline {
            canvas.line(left + 230, 14, left + 254, 14, stroke: ChartColor.baseline, width: 2, dash: "6 4")
            canvas.text(left + 260, 18, "baseline (\(Formatting.count(baseline.count)) samples)", size: 12)
        }

        var description = "Cumulative share of calls against time per call for \(name) in this run"
        description += baseline == nil ? "." : " (solid) and in the baseline (dashed)."
        description += " This run: p50 \(Formatting.duration(nanoseconds: current.median)), p99 \(Formatting.duration(nanoseconds: current.percentile(0.99)))."
        if let baseline {
            description += " Baseline: p50 \(Formatting.duration(nanoseconds: baseline.median)), p99 \(Formatting.duration(nanoseconds: baseline.percentile(0.99)))."
        }
        return canvas.render(title: "Distribution of time per call: \(name)", description: description)
    }

    /// 101 points of the quantile function: enough for a smooth curve at any sample size.
    private func curve(_ sample: Sample, _ x: ChartScale, _ y: ChartScale) -> [(Double, Double)] {
        (0...100).map { step in
            let p = Double(step) / 100
            return (x(sample.percentile(p)), y(p))
        }
    }
}
