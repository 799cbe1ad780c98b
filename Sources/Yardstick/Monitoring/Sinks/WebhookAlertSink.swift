import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs each alert event as JSON to a URL, in the dialect of its ``format``: by default the
/// ``AlertEvent`` encoded as the JSON-lines sink writes it; or a Slack message, or a PagerDuty
/// event. Requests carry `Content-Type: application/json` and `User-Agent: yardstick-monitor`.
///
/// Each attempt ends after ``timeout``. Transport errors, HTTP 5xx and HTTP 429 are retried
/// under ``retry`` (by default three more times, after 0.5 s, 1 s and 2 s); any other status
/// outside 2xx is final. A webhook that cannot be reached never throws and never stops the
/// monitor: ``deliver(_:)`` returns once it gives up, after one line to `onFailure` naming the
/// endpoint (scheme, host and port: webhook URLs often hold a secret), the attempts and the
/// last error or status.
///
/// ```swift
/// let sink = WebhookAlertSink(url: URL(string: "https://alerts.example.com/yardstick")!)
/// ```
public struct WebhookAlertSink: AlertSink {
    /// Where events are posted.
    public let url: URL
    /// The longest one attempt may take.
    public let timeout: Duration
    /// When failed attempts are repeated.
    public let retry: HTTPRetryPolicy
    /// Extra request headers, such as `Authorization`.
    public let headers: [String: String]
    /// What the bodies say, and in whose dialect.
    public let format: WebhookFormat
    private let delivery: HTTPDelivery
    private let onFailure: @Sendable (String) -> Void

    /// A sink posting to `url`.
    ///
    /// - Parameters:
    ///   - url: The endpoint.
    ///   - format: The bodies' dialect.
    ///   - headers: Extra request headers; they cannot replace the content type.
    ///   - timeout: The longest one attempt may take.
    ///   - retry: When failed attempts are repeated.
    ///   - transport: What sends the requests; tests inject one that scripts responses.
    ///   - sleep: Waits between attempts; tests inject one that records the waits.
    ///   - onFailure: Receives one line per event given up on; `nil` writes it to standard error.
    public init(
        url: URL,
        format: WebhookFormat = .json,
        headers: [String: String] = [:],
        timeout: Duration = .seconds(5),
        retry: HTTPRetryPolicy = .init(),
        transport: any HTTPTransport = URLSessionTransport(),
        sleep: (@Sendable (Duration) async -> Void)? = nil,
        onFailure: (@Sendable (String) -> Void)? = nil
    ) {
        precondition(timeout > .zero, "an attempt needs a positive timeout")
        self.url = url
        self.format = format
        self.headers = headers
        self.timeout = timeout
        self.retry = retry
        self.delivery = HTTPDelivery(transport: transport, retry: retry, sleep: sleep ?? HTTPDelivery.taskSleep)
        self.onFailure = onFailure ?? SinkFailure.standardError
    }

    public func deliver(_ event: AlertEvent) async {
        await post(event)
    }

    /// Posts `event` (in one request, or for a PagerDuty notice two), retrying as ``retry``
    /// allows; a request given up on ends the event's delivery.
    /// - Returns: Whether every request got a 2xx response.
    @discardableResult
    public func post(_ event: AlertEvent) async -> Bool {
        let requests: [URLRequest]
        do {
            requests = try self.requests(for: event)
        } catch {
            onFailure("webhook \(HTTPDelivery.redacted(url)): cannot encode a \(event.kind.rawValue) event of \(event.alert.metric): \(error)")
            return false
        }
        for request in requests {
            if case let .failed(attempts, reason) = await delivery.send(request) {
                let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
                onFailure("webhook \(HTTPDelivery.redacted(url)): \(event.kind.rawValue) event of \(event.alert.metric) not delivered after \(tries): \(reason)")
                return false
            }
        }
        return true
    }

    /// The requests that carry `event`, in order.
    func requests(for event: AlertEvent) throws -> [URLRequest] {
        try format.bodies(for: event).map(request(body:))
    }

    /// A POST of `body` with the sink's headers.
    private func request(body: Data) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = timeout.seconds
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if headers.keys.contains(where: { $0.caseInsensitiveCompare("User-Agent") == .orderedSame }) == false {
            request.setValue("yardstick-monitor", forHTTPHeaderField: "User-Agent")
        }
        request.httpBody = body
        return request
    }
}
