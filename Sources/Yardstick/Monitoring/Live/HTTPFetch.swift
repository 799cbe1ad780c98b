import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One GET of a watched endpoint, timed: what ``EndpointCheck`` and ``ScrapeTarget`` share.
struct HTTPFetch: Sendable {
    var url: URL
    var timeout: Duration
    var transport: any HTTPTransport
    var clock: any NanosecondClock

    /// How a GET ended.
    enum Outcome: Sendable {
        /// A response arrived after `nanoseconds`.
        case response(statusCode: Int, body: Data, nanoseconds: Double)
        /// None did; the reason, in a few words.
        case noResponse(String)
    }

    func get() async -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout.seconds)
        request.httpMethod = "GET"
        let start = clock.now()
        do {
            let (statusCode, body) = try await transport.send(request)
            let end = clock.now()
            return .response(statusCode: statusCode, body: body, nanoseconds: Double(end &- start))
        } catch {
            return .noResponse(describe(error))
        }
    }

    /// `connection refused`, `no response within 2 s`, or the error's own words.
    private func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            switch error.code {
            case .cannotConnectToHost: return "connection refused"
            case .timedOut: return "no response within \(Formatting.duration(timeout))"
            case .cannotFindHost, .dnsLookupFailed: return "host not found"
            default: break
            }
        }
        return HTTPDelivery.describe(error)
    }
}
