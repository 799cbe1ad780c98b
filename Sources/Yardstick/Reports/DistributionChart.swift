import Foundation

/// Two empirical cumulative distributions of time per call, this run's against the
/// baseline's, with p50 and p99 marked on each: the share of calls (up the axis) that took at
/// most a given time (along it). A shift right is a slowdown; a longer right tail is worse
/// outliers. The curves are drawn from the recorded (thinned) samples; the markers come from
/// the statistics of every sample, so they agree with the tables. The axis ends just past the
/// larger p99, where the body of the distribution is; the slowest 1% run off the right edge.
struct DistributionChart {
    /// One side: the recorded samples for the curve, the statistics of all samples for markers.
    struct Side {
        var curve: Sample
        var summary: Summary
    }

    let name: String
    let current: Side
    let baseline: Side?
    let isBatched: Bool
    /// How the legend names the two sides: `baseline` and `this run`, or `base` and `head`.
    var sideNames: (old: String, new: String) = ("baseline", "current")

    private var currentLabel: String { sideNames.new == "current" ? "this run" : sideNames.new }

    private let width = 640.0, height = 300.0
    private let left = 56.0, right = 16.0, top = 44.0, bottom = 42.0

    func render() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let sides = [current] + (baseline.map { [$0] } ?? [])
        let low = sides.map(\.summary.min).min()!, high = sides.map(\.summary.percentiles.p99).max()! * 1.15
        let x = ChartScale(low, high, to: left, width - right, logarithmic: high / max(low, 1e-9) >= 10)
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
        canvas.text((left + width - right) / 2, height - 8,
                    (isBatched ? "time per call (batch means)" : "time per call") + "; the axis ends just past p99",
                    anchor: .middle, size: 11, fill: ChartColor.axis)

        if let baseline {
            canvas.polyline(curve(baseline.curve, x, y), stroke: ChartColor.baseline, dash: "6 4")
        }
        canvas.polyline(curve(current.curve, x, y), stroke: ChartColor.current)

        // Markers: p50 and p99 of each, tagged beside the dot; the values are in the caption.
        let marked = [(current, ChartColor.current, 1.0)] + (baseline.map { [($0, ChartColor.baseline, -1.0)] } ?? [])
        for (data, color, side) in marked {
            for (p, name) in [(0.5, "p50"), (0.99, "p99")] {
                let value = data.summary.percentiles[p == 0.5 ? .p50 : .p99]
                canvas.line(x(value), y(p), x(value), height - bottom, stroke: color, width: 1, dash: "2 2")
                canvas.circle(x(value), y(p), radius: 3.5, fill: color)
                canvas.text(x(value) + 6 * side, y(p) + (side > 0 ? -6 : 14), name, anchor: side > 0 ? .start : .end, size: 10, fill: color)
            }
        }
        canvas.line(left, 14, left + 24, 14, stroke: ChartColor.current, width: 2)
        canvas.text(left + 30, 18, "\(currentLabel) (\(Formatting.count(current.summary.count)) samples)", size: 12)
        if let baseline {
            canvas.line(left + 230, 14, left + 254, 14, stroke: ChartColor.baseline, width: 2, dash: "6 4")
            canvas.text(left + 260, 18, "\(sideNames.old) (\(Formatting.count(baseline.summary.count)) samples)", size: 12)
        }

        var description = "Cumulative share of calls against time per call for \(name) in \(currentLabel == "this run" ? currentLabel : "the " + currentLabel)"
        description += baseline == nil ? "." : " (solid) and in the \(sideNames.old) (dashed)."
        description += " \(currentLabel.prefix(1).uppercased() + currentLabel.dropFirst()): p50 \(Formatting.duration(nanoseconds: current.summary.percentiles.p50)), "
            + "p99 \(Formatting.duration(nanoseconds: current.summary.percentiles.p99))."
        if let baseline {
            description += " \(sideNames.old.prefix(1).uppercased() + sideNames.old.dropFirst()): p50 \(Formatting.duration(nanoseconds: baseline.summary.percentiles.p50)), "
                + "p99 \(Formatting.duration(nanoseconds: baseline.summary.percentiles.p99))."
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
