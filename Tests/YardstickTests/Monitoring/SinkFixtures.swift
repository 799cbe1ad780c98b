import Foundation
import Synchronization
@testable import Yardstick
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Alert events and snapshots for the sinks' tests. Times end in .125 s, which binary floating
/// point holds exactly, so they survive a round trip through millisecond ISO 8601 unchanged.
enum SinkFixtures {
    /// 2026-12-02T12:00:03.125Z.
    static let now = Date(timeIntervalSince1970: 1_796_212_803.125)

    static func alert(metric: String = "cache.get", level: AlertLevel = .critical, message: String = "15.2 µs outside ≤ 11.0 µs") -> Alert {
        Alert(
            id: 7, level: level, metric: metric, source: .threshold, value: 15_200, band: .atMost(11_000),
            unit: .nanoseconds, message: message, firstSeen: now.addingTimeInterval(-2), resolvedAt: nil
        )
    }

    static func event(_ kind: AlertEvent.Kind = .fired, metric: String = "cache.get", at time: Date = now) -> AlertEvent {
        var alert = alert(metric: metric)
        if kind == .resolved || kind == .notice { alert.resolvedAt = time }
        return AlertEvent(kind: kind, alert: alert, at: time)
    }

    /// A window with the given figures; a real one is only ever made from a sample.
    static func window(count: Int, min: Double, max: Double, mean: Double, p95: Double) -> WindowSummary {
        var window = WindowSummary(Sample([0])!)
        window.count = count
        window.min = min
        window.max = max
        window.mean = mean
        window.p95 = p95
        return window
    }
}

/// A transport that answers from a script, in order, and records every request; once the
/// script runs out it answers 200.
final class ScriptedTransport: HTTPTransport {
    enum Reply: Sendable {
        case status(Int, body: String = "")
        /// A status with headers, such as a 429 with `Retry-After`.
        case headers(Int, [String: String])
        case failure(String)
    }

    private let state: Mutex<(replies: [Reply], requests: [URLRequest])>

    init(_ replies: [Reply] = []) {
        state = Mutex((replies, []))
    }

    var requests: [URLRequest] { state.withLock { $0.requests } }

    func send(_ request: URLRequest) async throws -> (statusCode: Int, body: Data) {
        let response = try await exchange(request)
        return (response.statusCode, response.body)
    }

    func exchange(_ request: URLRequest) async throws -> HTTPResponse {
        let reply = state.withLock { state -> Reply in
            state.requests.append(request)
            return state.replies.isEmpty ? .status(200) : state.replies.removeFirst()
        }
        switch reply {
        case let .status(code, body): return HTTPResponse(statusCode: code, body: Data(body.utf8))
        case let .headers(code, headers): return HTTPResponse(statusCode: code, headers: headers)
        case let .failure(description): throw TestFailure(description)
        }
    }
}
