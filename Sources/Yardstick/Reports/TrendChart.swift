import Foundation

/// The median time per call of one benchmark at each recorded baseline update, and this run's,
/// over time: where a benchmark has been heading, and whether this run is out of line.
struct TrendChart {
    let name: String
    let points: [(date: Date, median: Double)]
    let current: (date: Date, median: Double)

    private let width = 640.0, height = 220.0
    private let left = 56.0, right = 16.0, top = 28.0, bottom = 42.0

    func render() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let dates = points.map(\.date) + [current.date]
        let values = points.map(\.median) + [current.median]
        let x = ChartScale(dates.min()!.timeIntervalSince1970, dates.max()!.timeIntervalSince1970, to: left, width - right - 12)
        let low = values.min()!, high = values.max()!
        let pad = max((high - low) * 0.15, high * 0.02)
        let y = ChartScale(max(0, low - pad), high + pad, to: height - bottom, top)

        for tick in y.ticks(count: 4) {
            canvas.line(left, y(tick), width - right, y(tick), stroke: ChartColor.grid)
            canvas.text(left - 6, y(tick) + 4, Formatting.duration(nanoseconds: tick), anchor: .end, size: 11, fill: ChartColor.axis)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        let span = dates.max()!.timeIntervalSince(dates.min()!)
        formatter.dateFormat = span < 2 * 86_400 ? "MMM d HH:mm" : "MMM d"
        for date in [dates.min()!, dates.max()!] {
            canvas.text(x(date.timeIntervalSince1970), height - bottom + 16, formatter.string(from: date), anchor: .middle, size: 11, fill: ChartColor.axis)
        }
        canvas.line(left, height - bottom, width - right, height - bottom, stroke: ChartColor.axis)
        canvas.text((left + width - right) / 2, height - 8, "baseline updates (median per call)", anchor: .middle, size: 11, fill: ChartColor.axis)

        let line = points.map { (x($0.date.timeIntervalSince1970), y($0.median)) }
        canvas.polyline(line, stroke: ChartColor.baseline, dash: "6 4")
        for point in line { canvas.circle(point.0, point.1, radius: 3, fill: ChartColor.baseline) }
        let now = (x(current.date.timeIntervalSince1970), y(current.median))
        canvas.diamond(now.0, now.1, size: 6, fill: ChartColor.current)
        // This run is the newest point, at the right edge: its label goes to the left.
        canvas.text(now.0 - 10, now.1 - 8, "this run \(Formatting.duration(nanoseconds: current.median))", anchor: .end, size: 11, fill: ChartColor.current)

        let description = "Median time per call of \(name) at \(Formatting.counted(points.count, "baseline update")) "
            + "from \(Formatting.duration(nanoseconds: points.map(\.median).min()!)) to \(Formatting.duration(nanoseconds: points.map(\.median).max()!)), "
            + "and \(Formatting.duration(nanoseconds: current.median)) in this run."
        return canvas.render(title: "Trend of the median: \(name)", description: description)
    }
}
