import Foundation
import XCTest
@testable import Yardstick
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class MonitoringWebhookAlertSinkTests: XCTestCase {
    private let url = URL(string: "https://hooks.example.com/services/T000/SECRET?token=abc")!

    /// A sink over `transport` whose waits are recorded instead of slept.
    private func sink(
        _ transport: ScriptedTransport, retry: HTTPRetryPolicy = .init(), sleeps: Recorder<Duration>, failures: Recorder<String>
    ) -> WebhookAlertSink {
        WebhookAlertSink(url: url, retry: retry, transport: transport, sleep: { sleeps.append($0) }, onFailure: failures.append)
    }

    func testPostsTheEventAsJSONOnce() async throws {
        let transport = ScriptedTransport([.status(204)])
        let sleeps = Recorder<Duration>(), failures = Recorder<String>()
        let event = SinkFixtures.event(.fired)
        let delivered = await sink(transport, sleeps: sleeps, failures: failures).post(event)

        XCTAssertTrue(delivered)
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertEqual(sleeps.values, [])
        XCTAssertEqual(failures.values, [])
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.httpMethod, "POST")
        XCTAssertEqual(request.url, url)
        XCTAssertEqual(request.value(forHTTPHeaderField: "Content-Type"), "application/json")
        XCTAssertEqual(request.value(forHTTPHeaderField: "User-Agent"), "yardstick-monitor")
        XCTAssertEqual(request.timeoutInterval, 5)
        XCTAssertEqual(try ResultsFile.decoder.decode(AlertEvent.self, from: XCTUnwrap(request.httpBody)), event)
    }

    func testServerErrorsAreRetriedWithBackoffUntilOneSucceeds() async {
        let transport = ScriptedTransport([.status(503), .status(500), .status(200)])
        let sleeps = Recorder<Duration>(), failures = Recorder<String>()
        let delivered = await sink(transport, sleeps: sleeps, failures: failures).post(SinkFixtures.event())

        XCTAssertTrue(delivered)
        XCTAssertEqual(transport.requests.count, 3)
        XCTAssertEqual(sleeps.values, [.milliseconds(500), .seconds(1)])
        XCTAssertEqual(failures.values, [])
    }

    func testGivesUpAfterThreeRetriesWithOneLine() async {
        let transport = ScriptedTransport(Array(repeating: .status(502, body: "bad gateway\nupstream down"), count: 10))
        let sleeps = Recorder<Duration>(), failures = Recorder<String>()
        let delivered = await sink(transport, sleeps: sleeps, failures: failures).post(SinkFixtures.event())

        XCTAssertFalse(delivered)
        XCTAssertEqual(transport.requests.count, 4)
        XCTAssertEqual(sleeps.values, [.milliseconds(500), .seconds(1), .seconds(2)])
        XCTAssertEqual(failures.values, [
            "webhook https://hooks.example.com/…: fired event of cache.get not delivered after 4 attempts: HTTP 502: bad gateway upstream down",
        ])
    }

    func testAClientErrorIsNotRetried() async {
        for status in [400, 404, 422] {
            let transport = ScriptedTransport([.status(status)])
            let sleeps = Recorder<Duration>(), failures = Recorder<String>()
            let delivered = await sink(transport, sleeps: sleeps, failures: failures).post(SinkFixtures.event(.eased))

            XCTAssertFalse(delivered)
            XCTAssertEqual(transport.requests.count, 1, "HTTP \(status)")
            XCTAssertEqual(sleeps.values, [])
            XCTAssertEqual(failures.values, [
                "webhook https://hooks.example.com/…: eased event of cache.get not delivered after 1 attempt: HTTP \(status), not retried",
            ])
        }
    }

    func testTooManyRequestsAndTransportErrorsAreRetried() async {
        let transport = ScriptedTransport([.status(429), .failure("connection refused"), .status(201)])
        let sleeps = Recorder<Duration>(), failures = Recorder<String>()
        let delivered = await sink(transport, sleeps: sleeps, failures: failures).post(SinkFixtures.event())

        XCTAssertTrue(delivered)
        XCTAssertEqual(transport.requests.count, 3)
        XCTAssertEqual(sleeps.values, [.milliseconds(500), .seconds(1)])
        XCTAssertEqual(failures.values, [])
    }

    func testAThrownErrorIsReportedWhenItLasts() async {
        let transport = ScriptedTransport(Array(repeating: .failure("connection refused"), count: 10))
        let sleeps = Recorder<Duration>(), failures = Recorder<String>()
        await sink(transport, retry: HTTPRetryPolicy(maxRetries: 1), sleeps: sleeps, failures: failures).deliver(SinkFixtures.event())

        XCTAssertEqual(transport.requests.count, 2)
        XCTAssertEqual(sleeps.values, [.milliseconds(500)])
        XCTAssertEqual(failures.values, [
            "webhook https://hooks.example.com/…: fired event of cache.get not delivered after 2 attempts: connection refused",
        ])
    }

    func testDelaysDoubleUpToTheirCap() {
        let policy = HTTPRetryPolicy(maxRetries: 6, initialDelay: .milliseconds(500), maximumDelay: .seconds(3))
        XCTAssertEqual((1...6).map(policy.delay(beforeRetry:)), [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
        XCTAssertEqual(HTTPRetryPolicy().delay(beforeRetry: 1_000), .seconds(10))
        XCTAssertEqual(HTTPRetryPolicy.never.maxRetries, 0)
    }

    func testExtraHeadersAreSentButCannotReplaceTheContentType() throws {
        let sink = WebhookAlertSink(
            url: url, headers: ["Authorization": "Bearer t0ken", "content-type": "text/plain"], timeout: .milliseconds(1_500),
            transport: ScriptedTransport()
        )
        let request = try XCTUnwrap(sink.requests(for: SinkFixtures.event()).first)
        XCTAssertEqual(request.value(forHTTPHeaderField: "Authorization"), "Bearer t0ken")
        XCTAssertEqual(request.value(forHTTPHeaderField: "Content-Type"), "application/json")
        XCTAssertEqual(request.timeoutInterval, 1.5)
    }

    func testFailureLinesNameTheEndpointWithoutItsSecrets() {
        XCTAssertEqual(HTTPDelivery.redacted(URL(string: "https://user:pass@hooks.example.com:8443/T0/B0/XYZ?k=v#f")!), "https://hooks.example.com:8443/…")
        XCTAssertEqual(HTTPDelivery.redacted(URL(string: "http://alerts.internal")!), "http://alerts.internal")
        XCTAssertEqual(HTTPDelivery.redacted(URL(string: "http://alerts.internal/")!), "http://alerts.internal")
    }
}
