import Foundation

/// `bench history`: the trend of each selected benchmark over a baseline's recorded updates,
/// from `baselines/history/NAME.jsonl`, without measuring or reading the baseline itself.
struct HistoryCommand {
    let options: HistoryOptions

    func execute(console: Console) throws(CommandLineError) {
        do {
            try BaselineStore.validate(name: options.name)
        } catch {
            throw .usage(error.description)
        }
        let url = BaselineStore(directory: URL(fileURLWithPath: options.baselinesDirectory)).historyURL(for: options.name)
        let path = url.relativePath
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .input("\(path): no such history file ('bench baseline update' writes one per baseline)")
        }
        let records = BaselineHistory.records(at: url)
        guard !records.isEmpty else { throw .input("\(path): holds no readable history record") }
        let trends = BaselineTrend.trends(from: records, selecting: options.filters.filters)
        guard !trends.isEmpty else {
            let quoted = options.filters.patterns.map { "'\($0)'" }.joined(separator: ", ")
            throw .usage("no benchmark in \(path) matches --filter \(quoted)")
        }
        console.output(Self.render(trends, records: records, path: path))
    }

    /// The text printed for `trends`: a heading for the file, then per benchmark a summary line
    /// with a sparkline of its p50 and a table with one row per night.
    static func render(_ trends: [BaselineTrend], records: [BaselineHistoryRecord], path: String) -> String {
        let first = records.map(\.recordedAt).min()!, last = records.map(\.recordedAt).max()!
        var text = "\(path): \(Formatting.counted(records.count, "update")), \(day(first)) to \(day(last))\n"
        for trend in trends {
            let newest = trend.nights.last!
            text += "\n\(trend.name)  p50 \(Formatting.duration(nanoseconds: newest.p50))"
            if let change = newest.changeFromFirst { text += " (\(Formatting.signedPercent(change)) since \(day(trend.nights[0].recordedAt)))" }
            text += ", range \(Formatting.duration(nanoseconds: trend.lowest)) to \(Formatting.duration(nanoseconds: trend.highest))"
            text += "  \(sparkline(trend.nights.map(\.p50)))\n"
            var table = TextTable([
                ("recorded", .left), ("commit", .left), ("p50", .right), ("vs previous", .right), ("vs first", .right),
                ("process spread", .right),
            ], indent: 2)
            for night in trend.nights {
                table.append([
                    Formatting.timestamp(night.recordedAt),
                    night.gitCommit.map { String($0.prefix(7)) } ?? "-",
                    Formatting.duration(nanoseconds: night.p50),
                    night.changeFromPrevious.map(Formatting.signedPercent) ?? "",
                    night.changeFromFirst.map(Formatting.signedPercent) ?? "",
                    night.processSpread.map(Formatting.percent) ?? "",
                ])
            }
            text += table.render()
        }
        return text
    }

    /// The values as bars of eight heights from their smallest (`▁`) to their largest (`█`);
    /// all `▄` when they are equal.
    static func sparkline(_ values: [Double]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        guard let low = values.min(), let high = values.max(), high > low else {
            return String(repeating: "▄", count: values.count)
        }
        return String(values.map { bars[min(bars.count - 1, Int(($0 - low) / (high - low) * Double(bars.count)))] })
    }

    private static func day(_ date: Date) -> String {
        String(Formatting.timestamp(date).prefix(10))
    }
}
