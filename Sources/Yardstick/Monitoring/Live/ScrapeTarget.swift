import Foundation
import Synchronization

/// A Prometheus text endpoint read on an interval, with the series chosen from it
/// (`bench monitor --scrape` and `--series`).
///
/// Each sample is one GET of the page, parsed by ``PrometheusTextParser``. It records
/// `NAME.latency` (nanoseconds, the probe's own series) and `NAME.up` (1 or 0) as
/// ``EndpointCheck`` does, and each chosen series as its ``SeriesExpression`` reads the page
/// (rates against the previous page). When the page cannot be read (no response, a status
/// other than 2xx, text that does not parse), every series records a failure with that reason.
///
/// ```swift
/// let target = ScrapeTarget(name: "api", url: URL(string: "http://127.0.0.1:9100/metrics")!, interval: .seconds(15),
///                           series: ["api.p99": try SeriesExpression(parsing: "histogram_quantile(0.99, rate(latency_seconds))")])
/// await monitor.register(target.probe(recording: monitor.seriesRecorder, clock: monitor.clock))
/// ```
public struct ScrapeTarget: Sendable {
    /// The prefix of its own series.
    public var name: String
    /// The page's address.
    public var url: URL
    /// How often it is read.
    public var interval: Duration
    /// How long one GET may take.
    public var timeout: Duration
    /// The series recorded from each page, by the name they are recorded under.
    public var series: [String: SeriesExpression]
    /// How requests are sent.
    public var transport: any HTTPTransport
    /// What latency is timed with.
    public var latencyClock: any NanosecondClock

    /// A target; the timeout defaults to 5 s.
    public init(
        name: String,
        url: URL,
        interval: Duration,
        timeout: Duration = .seconds(5),
        series: [String: SeriesExpression] = [:],
        transport: any HTTPTransport = URLSessionTransport(session: LiveTargetSession.shared),
        latencyClock: any NanosecondClock = MonotonicClock()
    ) {
        self.name = name
        self.url = url
        self.interval = interval
        self.timeout = timeout
        self.series = series
        self.transport = transport
        self.latencyClock = latencyClock
    }

    /// `NAME.latency`: the probe's own series.
    public var latencySeries: String { name + ".latency" }
    /// `NAME.up`.
    public var upSeries: String { name + ".up" }

    /// Its series with their units, and no bands; chosen series are plain numbers, in the
    /// page's own units (seconds, for a `_seconds` histogram).
    public var seriesThresholds: [Threshold] {
        [Threshold(metric: latencySeries, unit: .nanoseconds), Threshold(metric: upSeries, unit: .fraction)]
            + series.keys.sorted().map { Threshold(metric: $0, unit: .plain) }
    }

    /// The probe: it records `NAME.up` and the chosen series through `record`, stamping pages
    /// with `clock` (the monitor's) for rates, and returns the GET's latency or throws why the
    /// page could not be read.
    public func probe(recording record: @escaping SeriesRecorder, clock: any MonitorClock) -> MonitorProbe {
        let fetch = HTTPFetch(url: url, timeout: timeout, transport: transport, clock: latencyClock)
        let series = series.sorted { $0.key < $1.key }
        let up = upSeries
        let previous = Mutex<ScrapedPage?>(nil)
        return MonitorProbe(latencySeries, interval: interval, timeout: timeout + .seconds(1)) {
            let failure: String
            switch await fetch.get() {
            case .noResponse(let reason):
                failure = reason
            case let .response(statusCode, body, nanoseconds) where (200..<300).contains(statusCode):
                do {
                    let page = ScrapedPage(try PrometheusTextParser.parse(String(decoding: body, as: UTF8.self)), at: clock.now)
                    let before = previous.withLock { stored in
                        defer { stored = page }
                        return stored
                    }
                    await record(up, .value(1))
                    for (name, expression) in series {
                        await record(name, expression.evaluate(page, previous: before))
                    }
                    return nanoseconds
                } catch {
                    failure = "the page is not Prometheus text: \(error)"
                }
            case let .response(statusCode, body, _):
                failure = HTTPDelivery.describe(statusCode: statusCode, body: body)
            }
            await record(up, .value(0))
            for (name, _) in series { await record(name, .failed(failure)) }
            throw LiveTargetFailure(failure)
        }
    }
}
