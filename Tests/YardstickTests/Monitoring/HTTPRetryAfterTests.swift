import Foundation
import XCTest
@testable import Yardstick
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A 429 or 503 that says when to come back is retried then, within the policy's cap.
final class HTTPRetryAfterTests: XCTestCase {
    /// Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example date.
    private let now = Date(timeIntervalSince1970: 784_111_777)
    private let policy = HTTPRetryPolicy(maxRetries: 3, initialDelay: .milliseconds(500), maximumDelay: .seconds(10))

    func testSecondsAreTakenAtTheirWordUpToTheCap() {
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: "7", now: now), .seconds(7))
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: " 0 ", now: now), .zero)
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: "3600", now: now), .seconds(10))
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: "99999999999999999999", now: now), .seconds(10))
    }

    func testHTTPDatesInEveryFormTheRFCAllowsCountFromNow() {
        for date in ["Sun, 06 Nov 1994 08:49:40 GMT", "Sunday, 06-Nov-94 08:49:40 GMT", "Sun Nov  6 08:49:40 1994"] {
            XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: date, now: now), .seconds(3), date)
        }
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: "Sun, 06 Nov 1994 08:49:00 GMT", now: now), .zero, "a date that has passed")
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: "Mon, 07 Nov 1994 08:49:37 GMT", now: now), .seconds(10), "a day away: capped")
    }

    func testAnUnreadableOrMissingHeaderFallsBackToTheBackoff() {
        for value in ["soon", "-5", "1.5", ""] {
            XCTAssertEqual(policy.delay(beforeRetry: 2, retryAfter: value, now: now), .seconds(1), value)
        }
        XCTAssertEqual(policy.delay(beforeRetry: 3, retryAfter: nil, now: now), .seconds(2))
    }

    func testDeliveryWaitsAsTheServerAsksWithAnInjectedClockAndSleep() async {
        let transport = ScriptedTransport([
            .headers(429, ["retry-after": "4"]),
            .headers(503, ["Retry-After": "Sun, 06 Nov 1994 08:49:39 GMT"]),
            .status(429),
            .status(200),
        ])
        let sleeps = Recorder<Duration>()
        let now = self.now
        let delivery = HTTPDelivery(transport: transport, retry: policy, sleep: { sleeps.append($0) }, now: { now })
        let outcome = await delivery.send(URLRequest(url: URL(string: "http://127.0.0.1:9/hook")!))

        XCTAssertEqual(outcome, .delivered(statusCode: 200, attempts: 4))
        // 4 s as asked, 2 s to the date, then the backoff's third step with no header.
        XCTAssertEqual(sleeps.values, [.seconds(4), .seconds(2), .seconds(2)])
    }
}
