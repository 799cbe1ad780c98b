import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Pushes dashboard snapshots to a Prometheus Pushgateway, for monitors that Prometheus cannot
/// scrape: an HTTP PUT of ``PrometheusDashboardReport``'s text to
/// `<gateway>/metrics/job/<job>`, which replaces every metric the job pushed before, so a
/// metric the monitor dropped disappears rather than lingering at its last value.
///
/// Retries follow ``retry`` as ``WebhookAlertSink``'s do. A push that fails never throws: one
/// line goes to `onFailure` and the next push tries again.
///
/// ```swift
/// let gateway = PushgatewayClient(gateway: URL(string: "http://pushgateway:9091")!)
/// await gateway.push(await monitor.snapshot())
/// ```
public struct PushgatewayClient: Sendable {
    /// The Pushgateway's base URL, such as `http://pushgateway:9091`.
    public let gateway: URL
    /// The `job` label of the pushed group.
    public let job: String
    /// The longest one attempt may take.
    public let timeout: Duration
    /// When failed attempts are repeated.
    public let retry: HTTPRetryPolicy
    private let delivery: HTTPDelivery
    private let onFailure: @Sendable (String) -> Void

    /// A client of the Pushgateway at `gateway`.
    ///
    /// - Parameters:
    ///   - gateway: The base URL; a path, for a gateway behind a prefix, is kept.
    ///   - job: The `job` label; not empty.
    ///   - timeout: The longest one attempt may take.
    ///   - retry: When failed attempts are repeated.
    ///   - transport: What sends the requests; tests inject one that records them.
    ///   - sleep: Waits between attempts; tests inject one that records the waits.
    ///   - onFailure: Receives one line per push given up on; `nil` writes it to standard error.
    public init(
        gateway: URL,
        job: String = "yardstick_monitor",
        timeout: Duration = .seconds(5),
        retry: HTTPRetryPolicy = .init(),
        transport: any HTTPTransport = URLSessionTransport(),
        sleep: (@Sendable (Duration) async -> Void)? = nil,
        onFailure: (@Sendable (String) -> Void)? = nil
    ) {
        precondition(!job.isEmpty, "a Pushgateway job needs a name")
        precondition(timeout > .zero, "an attempt needs a positive timeout")
        self.gateway = gateway
        self.job = job
        self.timeout = timeout
        self.retry = retry
        self.delivery = HTTPDelivery(transport: transport, retry: retry, sleep: sleep ?? HTTPDelivery.taskSleep)
        self.onFailure = onFailure ?? SinkFailure.standardError
    }

    /// The URL pushes go to: `<gateway>/metrics/job/<job>`, the job percent-encoded, or in
    /// base64url under `job@base64` when it holds a slash, which the Pushgateway would
    /// otherwise read as the end of the value even when encoded.
    public var pushURL: URL {
        var base = gateway.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let segment: String
        if job.contains("/") {
            let encoded = Data(job.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
            segment = "job@base64/" + encoded
        } else {
            segment = "job/" + (job.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? job)
        }
        // Every character of the segment is unreserved or a percent escape, and the base
        // was a URL already: the joined string parses.
        return URL(string: base + "/metrics/" + segment)!
    }

    /// Pushes `snapshot`, retrying as ``retry`` allows.
    /// - Returns: Whether a 2xx response arrived.
    @discardableResult
    public func push(_ snapshot: DashboardSnapshot) async -> Bool {
        switch await delivery.send(request(for: snapshot)) {
        case .delivered:
            return true
        case let .failed(attempts, reason):
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            onFailure("pushgateway \(HTTPDelivery.redacted(gateway)) job \(job): metrics not pushed after \(tries): \(reason)")
            return false
        }
    }

    /// The request that carries `snapshot`.
    func request(for snapshot: DashboardSnapshot) -> URLRequest {
        var request = URLRequest(url: pushURL)
        request.httpMethod = "PUT"
        request.timeoutInterval = timeout.seconds
        request.setValue("text/plain; version=0.0.4", forHTTPHeaderField: "Content-Type")
        request.setValue("yardstick-monitor", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(PrometheusDashboardReport(snapshot).render().utf8)
        return request
    }

    /// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_` and `~`.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
