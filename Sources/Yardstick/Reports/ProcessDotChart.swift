import Foundation

/// Every process's value of one benchmark in a side-by-side comparison, a dot each, the base's
/// on one line and the head's on another, with each side's median marked: the two clouds the
/// U test compared. A reader sees at once whether they overlap, and which processes strayed.
struct ProcessDotChart {
    let name: String
    let estimates: ProcessEstimates
    let estimator: ProcessEstimator

    private let width = 640.0, height = 150.0
    private let left = 56.0, right = 16.0, top = 30.0, bottom = 40.0

    func render() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let all = estimates.base + estimates.head
        let x = ChartScale(all.min() ?? 0, all.max() ?? 1, to: left, width - right)
        let rows: [(label: String, values: [Double], y: Double, color: String)] = [
            ("base", estimates.base, top + 22, ChartColor.baseline),
            ("head", estimates.head, height - bottom - 18, ChartColor.current),
        ]
        for tick in x.ticks() {
            canvas.line(x(tick), top, x(tick), height - bottom, stroke: ChartColor.grid)
            canvas.text(x(tick), height - bottom + 16, label(tick), anchor: .middle, size: 11, fill: ChartColor.axis)
        }
        canvas.line(left, height - bottom, width - right, height - bottom, stroke: ChartColor.axis)
        canvas.text((left + width - right) / 2, height - 6, "one dot per process: \(estimator)", anchor: .middle, size: 11, fill: ChartColor.axis)
        for row in rows {
            canvas.text(left - 8, row.y + 4, row.label, anchor: .end, size: 12, fill: row.color, weight: "600")
            // Equal values would hide each other: later ones step up and down a little.
            var seen: [Int: Int] = [:]
            for value in row.values {
                let pixel = x(value)
                let bucket = Int((pixel / 4).rounded())
                let count = seen[bucket, default: 0]
                seen[bucket] = count + 1
                let offset = Double((count + 1) / 2) * 5 * (count % 2 == 0 ? 1 : -1)
                canvas.circle(pixel, row.y + offset, radius: 3.5, fill: row.color)
            }
            if let median = Sample(row.values)?.median {
                canvas.line(x(median), row.y - 12, x(median), row.y + 12, stroke: row.color, width: 2)
            }
        }
        let description = "Per-process values of \(name) (\(estimator)): base \(list(estimates.base)); head \(list(estimates.head)). "
            + "Vertical bars mark each side's median."
        return canvas.render(title: "Per-process values: \(name)", description: description)
    }

    private func label(_ value: Double) -> String {
        estimator.kind == .fastestRound ? Formatting.duration(nanoseconds: value) : Formatting.significant(value) + "x"
    }

    private func list(_ values: [Double]) -> String {
        values.map(label).joined(separator: ", ")
    }
}
