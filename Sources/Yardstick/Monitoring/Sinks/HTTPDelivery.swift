import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends a request through a transport under a retry policy, and never throws: what the
/// webhook sink and the Pushgateway client share.
struct HTTPDelivery: Sendable {
    var transport: any HTTPTransport
    var retry: HTTPRetryPolicy
    var sleep: @Sendable (Duration) async -> Void
    /// The current time, against which a `Retry-After` date is measured.
    var now: @Sendable () -> Date = { Date() }

    /// How a delivery ended.
    enum Outcome: Sendable, Hashable {
        /// A 2xx response arrived.
        case delivered(statusCode: Int, attempts: Int)
        /// It was given up on; `reason` is the last attempt's error or status.
        case failed(attempts: Int, reason: String)
    }

    func send(_ request: URLRequest) async -> Outcome {
        var attempts = 0
        while true {
            attempts += 1
            let reason: String
            var retryAfter: String?
            do {
                let response = try await transport.exchange(request)
                if (200..<300).contains(response.statusCode) {
                    return .delivered(statusCode: response.statusCode, attempts: attempts)
                }
                reason = Self.describe(statusCode: response.statusCode, body: response.body)
                guard retry.retries(statusCode: response.statusCode) else {
                    return .failed(attempts: attempts, reason: reason + ", not retried")
                }
                retryAfter = response.header("Retry-After")
            } catch is CancellationError {
                return .failed(attempts: attempts, reason: "cancelled")
            } catch {
                reason = Self.describe(error)
            }
            guard attempts <= retry.maxRetries else {
                return .failed(attempts: attempts, reason: reason)
            }
            // A monitor shutting down should not sit out the backoff of a dead endpoint.
            guard !Task.isCancelled else {
                return .failed(attempts: attempts, reason: reason + ", then cancelled")
            }
            await sleep(retry.delay(beforeRetry: attempts, retryAfter: retryAfter, now: now()))
        }
    }

    /// The default wait between attempts: `Task.sleep`, cut short by cancellation.
    static let taskSleep: @Sendable (Duration) async -> Void = { duration in
        try? await Task.sleep(for: duration)
    }

    /// `HTTP 503` with the start of the body, which often says why.
    static func describe(statusCode: Int, body: Data) -> String {
        let text = String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(statusCode)" : "HTTP \(statusCode): \(SinkFailure.oneLine(text))"
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            return "\(error.localizedDescription) (URLError \(error.code.rawValue))"
        }
        return SinkFailure.oneLine(String(describing: error))
    }

    /// `url` as failure lines show it: scheme, host and port only, since webhook URLs often
    /// carry their secret in the path (Slack's do) or in the query or user info.
    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false), components.host != nil else {
            return "(a URL)"
        }
        let hasMore = !(components.path.isEmpty || components.path == "/") || components.query != nil
        components.user = nil
        components.password = nil
        components.path = ""
        components.query = nil
        components.fragment = nil
        return (components.string ?? "(a URL)") + (hasMore ? "/…" : "")
    }
}
