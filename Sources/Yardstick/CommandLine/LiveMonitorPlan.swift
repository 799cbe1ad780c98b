/// `bench monitor`'s endpoints as the library's checks and scrape targets, each with its own
/// interval (the command's `--interval` unless it gives one) and `--http-timeout`. A request
/// that outlasts its interval delays that endpoint's next sample; missed ones are skipped.
struct LiveMonitorPlan {
    var checks: [EndpointCheck]
    var scrapes: [ScrapeTarget]

    init(_ options: LiveMonitorOptions, interval: Duration) throws(CommandLineError) {
        checks = options.checks.map { target in
            let every = target.interval ?? interval
            return EndpointCheck(name: target.name, url: target.url, interval: every, timeout: options.requestTimeout)
        }
        scrapes = options.scrapes.map { target in
            let every = target.interval ?? interval
            var series: [String: SeriesExpression] = [:]
            for option in options.series where option.target == target.name { series[option.name] = option.expression }
            return ScrapeTarget(name: target.name, url: target.url, interval: every, timeout: options.requestTimeout, series: series)
        }
        var names: Set<String> = []
        for metric in seriesThresholds.map(\.metric) where !names.insert(metric).inserted {
            throw .usage("the series '\(metric)' would be recorded twice: rename an --http, --scrape or --series alias")
        }
    }

    /// Every series the endpoints record, with its unit and no bands.
    var seriesThresholds: [Threshold] { checks.flatMap(\.seriesThresholds) + scrapes.flatMap(\.seriesThresholds) }

    /// One probe per endpoint, recording its other series through `record`.
    func probes(recording record: @escaping SeriesRecorder, clock: any MonitorClock) -> [MonitorProbe] {
        checks.map { $0.probe(recording: record) } + scrapes.map { $0.probe(recording: record, clock: clock) }
    }

    /// `thresholds` with each `--threshold` in place of the one for its series, in that
    /// series' unit (a series without a threshold yet is a plain number): an explicit band
    /// wins over one derived from a baseline or given by a suite's probe.
    ///
    /// - Throws: A usage error for a series that nothing records, or a value that does not
    ///   suit the series' unit.
    static func applying(
        _ explicit: [ThresholdOption], to thresholds: [Threshold], recorded: Set<String>, hysteresis: Hysteresis
    ) throws(CommandLineError) -> [Threshold] {
        var result = thresholds
        for option in explicit {
            guard recorded.contains(option.series) else {
                throw .usage("--threshold: nothing records a series named '\(option.series)' (see the dashboard's names, or --series)")
            }
            let index = result.firstIndex { $0.metric == option.series }
            let threshold = try option.threshold(unit: index.map { result[$0].unit } ?? .plain, hysteresis: hysteresis)
            if let index { result[index] = threshold } else { result.append(threshold) }
        }
        return result
    }
}
