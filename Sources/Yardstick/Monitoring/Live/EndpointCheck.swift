import Foundation

/// An HTTP endpoint watched for latency, status and availability (`bench monitor --http`).
///
/// Each sample is one GET, ended after ``timeout``. It records three series:
/// - `NAME.latency` (nanoseconds): the time to the whole response. A refused connection, no
///   response within the timeout, or a 5xx response is a failed sample instead, with its
///   reason (`connection refused`, `no response within 2 s`, `HTTP 503: …`).
/// - `NAME.up` (fraction): 1 when a response below 500 arrived, 0 otherwise; its window's mean
///   is the endpoint's availability.
/// - `NAME.status`: the response's status code, when one arrived. A 4xx answer counts as up
///   (the service answered); a band on `NAME.status` alerts on it.
///
/// ```swift
/// let check = EndpointCheck(name: "api", url: URL(string: "http://127.0.0.1:8080/health")!, interval: .seconds(10))
/// await monitor.register(check.probe(recording: monitor.seriesRecorder))
/// ```
public struct EndpointCheck: Sendable {
    /// The prefix of its series.
    public var name: String
    /// What it GETs.
    public var url: URL
    /// How often.
    public var interval: Duration
    /// How long one GET may take.
    public var timeout: Duration
    /// How requests are sent.
    public var transport: any HTTPTransport
    /// What latency is timed with.
    public var clock: any NanosecondClock

    /// A check; the timeout defaults to 5 s.
    public init(
        name: String,
        url: URL,
        interval: Duration,
        timeout: Duration = .seconds(5),
        transport: any HTTPTransport = URLSessionTransport(session: LiveTargetSession.shared),
        clock: any NanosecondClock = MonotonicClock()
    ) {
        self.name = name
        self.url = url
        self.interval = interval
        self.timeout = timeout
        self.transport = transport
        self.clock = clock
    }

    /// `NAME.latency`: the probe's own series.
    public var latencySeries: String { name + ".latency" }
    /// `NAME.up`.
    public var upSeries: String { name + ".up" }
    /// `NAME.status`.
    public var statusSeries: String { name + ".status" }

    /// Its series with their units, and no bands.
    public var seriesThresholds: [Threshold] {
        [
            Threshold(metric: latencySeries, unit: .nanoseconds),
            Threshold(metric: upSeries, unit: .fraction),
            Threshold(metric: statusSeries, unit: .plain),
        ]
    }

    /// The probe: it records `NAME.up` and `NAME.status` through `record`, and returns the
    /// latency, or throws the failure's reason. Its own timeout is the GET's plus a second, so
    /// that the GET's reason is the one recorded.
    public func probe(recording record: @escaping SeriesRecorder) -> MonitorProbe {
        let fetch = HTTPFetch(url: url, timeout: timeout, transport: transport, clock: clock)
        let (up, status) = (upSeries, statusSeries)
        return MonitorProbe(latencySeries, interval: interval, timeout: timeout + .seconds(1)) {
            switch await fetch.get() {
            case .noResponse(let reason):
                await record(up, .value(0))
                throw LiveTargetFailure(reason)
            case let .response(statusCode, body, nanoseconds):
                await record(status, .value(Double(statusCode)))
                guard statusCode < 500 else {
                    await record(up, .value(0))
                    throw LiveTargetFailure(HTTPDelivery.describe(statusCode: statusCode, body: body))
                }
                await record(up, .value(1))
                return nanoseconds
            }
        }
    }
}

/// Why a watched endpoint gave no value: its description is the whole reason.
struct LiveTargetFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
