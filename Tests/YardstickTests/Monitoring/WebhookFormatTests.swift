import Foundation
import LocalHTTPReceiver
import XCTest
@testable import Yardstick

/// The payloads each webhook format posts, as a local HTTP receiver gets them, against the
/// fields Slack's incoming webhooks and PagerDuty's Events API v2 document.
final class WebhookFormatTests: XCTestCase {
    private let routing = PagerDutyRouting(routingKey: "R0UT1NGKEY0123456789abcdefabcdef", source: "ci-1")

    /// An event of an alert with `id` at `level`.
    private func event(_ kind: AlertEvent.Kind, level: AlertLevel = .critical, id: Int = 7, metric: String = "cache.get") -> AlertEvent {
        var alert = SinkFixtures.alert(metric: metric, level: level)
        alert.id = id
        if kind == .resolved || kind == .notice { alert.resolvedAt = SinkFixtures.now }
        return AlertEvent(kind: kind, alert: alert, at: SinkFixtures.now)
    }

    private func sink(_ receiver: LocalHTTPReceiver, _ format: WebhookFormat, failures: Recorder<String> = .init()) -> WebhookAlertSink {
        WebhookAlertSink(url: URL(string: receiver.url("/hook"))!, format: format, retry: .never, onFailure: failures.append)
    }

    func testJSONPostsTheEventItself() async throws {
        let receiver = try LocalHTTPReceiver()
        let fired = event(.fired)
        let delivered = await sink(receiver, .json).post(fired)
        XCTAssertTrue(delivered)
        let request = try XCTUnwrap(receiver.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/hook")
        XCTAssertEqual(request.headers["content-type"], "application/json")
        XCTAssertEqual(try ResultsFile.decoder.decode(AlertEvent.self, from: request.body), fired)
    }

    func testSlackMessagesHaveATextAndBlocksWithTheValueAgainstTheThreshold() async throws {
        let receiver = try LocalHTTPReceiver()
        let slack = sink(receiver, .slack)
        for kind in [AlertEvent.Kind.fired, .resolved] { await slack.post(event(kind)) }
        XCTAssertEqual(receiver.requests.count, 2)
        let fired = try receiver.requests[0].json()
        XCTAssertEqual(fired["text"] as? String, ":red_circle: CRITICAL fired cache.get: 15.2 µs outside ≤ 11.0 µs")
        let blocks = try XCTUnwrap(fired["blocks"] as? [[String: Any]])
        XCTAssertEqual(blocks.map { $0["type"] as? String }, ["section", "section"])
        let headline = try XCTUnwrap((blocks[0]["text"] as? [String: Any])?["text"] as? String)
        XCTAssertEqual(headline, ":red_circle: *CRITICAL fired* `cache.get`\n15.2 µs outside ≤ 11.0 µs")
        let fields = try XCTUnwrap(blocks[1]["fields"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        XCTAssertEqual(fields, ["*Value*\n15.2 µs", "*Threshold*\n≤ 11.0 µs", "*Raised by*\nthreshold", "*Since*\n2026-12-02T12:00:01.125Z"])

        let resolved = try receiver.requests[1].json()
        XCTAssertEqual(
            resolved["text"] as? String,
            ":white_check_mark: RESOLVED cache.get (critical since 2026-12-02T12:00:01.125Z): 15.2 µs outside ≤ 11.0 µs"
        )
        let resolvedFields = try XCTUnwrap((resolved["blocks"] as? [[String: Any]])?.last?["fields"] as? [[String: Any]])
        XCTAssertEqual(resolvedFields.last?["text"] as? String, "*Resolved*\n2026-12-02T12:00:03.125Z")
    }

    func testSlackEscapesWhatItsMarkupReserves() {
        let message = SlackAlertMessage(event(.notice, level: .info, metric: "a<b>&c"))
        XCTAssertEqual(message.text, ":information_source: INFO a&lt;b&gt;&amp;c: 15.2 µs outside ≤ 11.0 µs")
    }

    func testPagerDutyTriggerAndResolveShareTheirDedupKey() async throws {
        let receiver = try LocalHTTPReceiver()
        let pager = sink(receiver, .pagerDuty(routing))
        for kind in [AlertEvent.Kind.fired, .resolved] { await pager.post(event(kind)) }
        XCTAssertEqual(receiver.requests.count, 2)
        let trigger = try receiver.requests[0].json()
        let resolve = try receiver.requests[1].json()

        XCTAssertEqual(trigger["routing_key"] as? String, routing.routingKey)
        XCTAssertEqual(trigger["event_action"] as? String, "trigger")
        XCTAssertEqual(trigger["dedup_key"] as? String, "yardstick/ci-1/threshold/cache.get")
        let payload = try XCTUnwrap(trigger["payload"] as? [String: Any])
        XCTAssertEqual(payload["summary"] as? String, "CRITICAL cache.get: 15.2 µs outside ≤ 11.0 µs")
        XCTAssertEqual(payload["source"] as? String, "ci-1")
        XCTAssertEqual(payload["severity"] as? String, "critical")
        XCTAssertEqual(payload["timestamp"] as? String, "2026-12-02T12:00:03.125Z")
        XCTAssertEqual(payload["component"] as? String, "cache.get")
        XCTAssertEqual(payload["class"] as? String, "threshold")
        let details = try XCTUnwrap(payload["custom_details"] as? [String: String])
        XCTAssertEqual(details["value"], "15.2 µs")
        XCTAssertEqual(details["threshold"], "≤ 11.0 µs")
        XCTAssertEqual(details["event"], "fired")

        XCTAssertEqual(resolve["routing_key"] as? String, routing.routingKey)
        XCTAssertEqual(resolve["event_action"] as? String, "resolve")
        XCTAssertEqual(resolve["dedup_key"] as? String, trigger["dedup_key"] as? String)
        XCTAssertNil(resolve["payload"], "a resolve carries no payload")
    }

    func testPagerDutySeverityFollowsTheLevelAndANoticeLeavesNoIncidentOpen() throws {
        for level in AlertLevel.allCases {
            let events = PagerDutyAlertEvent.events(for: event(.fired, level: level), routing: routing)
            XCTAssertEqual(events.map(\.payload?.severity), [level])
        }
        let notice = PagerDutyAlertEvent.events(for: event(.notice, level: .info), routing: routing)
        XCTAssertEqual(notice.map(\.eventAction), [.trigger, .resolve])
        XCTAssertEqual(Set(notice.map(\.dedupKey)).count, 1)
    }

    func testALongDedupKeyIsCutToPagerDutysLimitAndStaysApart() {
        let long = String(repeating: "x", count: 300)
        let first = PagerDutyAlertEvent.dedupKey(for: event(.fired, metric: long + "a").alert, source: "ci-1")
        let second = PagerDutyAlertEvent.dedupKey(for: event(.fired, metric: long + "b").alert, source: "ci-1")
        XCTAssertLessThanOrEqual(first.utf8.count, 255)
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(first, PagerDutyAlertEvent.dedupKey(for: event(.resolved, metric: long + "a").alert, source: "ci-1"))
    }

    func testTheRoutingKeyIsNeverPrinted() async throws {
        let receiver = try LocalHTTPReceiver(statuses: [400])
        let failures = Recorder<String>()
        await sink(receiver, .pagerDuty(routing), failures: failures).post(event(.fired))
        XCTAssertEqual(failures.values.count, 1)
        for text in failures.values + [String(describing: WebhookFormat.pagerDuty(routing)), String(describing: routing)] {
            XCTAssertFalse(text.contains(routing.routingKey), text)
        }
    }

    // MARK: Routing by level

    func testAWarningRouteGetsWarningsAndCriticalsButNotInfo() async throws {
        let receiver = try LocalHTTPReceiver()
        let route = LevelFilteredAlertSink(.warning, sink(receiver, .json))
        await route.deliver(event(.notice, level: .info, id: 1, metric: "improved"))
        await route.deliver(event(.fired, level: .warning, id: 2, metric: "warned"))
        await route.deliver(event(.fired, level: .critical, id: 3, metric: "paged"))
        let metrics = try receiver.requests.map { try ResultsFile.decoder.decode(AlertEvent.self, from: $0.body).alert.metric }
        XCTAssertEqual(metrics, ["warned", "paged"])
    }

    func testACriticalRouteHearsAnAlertFromItsEscalationToItsEnd() {
        let route = LevelFilteredAlertSink(.critical, ConsoleAlertSink())
        XCTAssertFalse(route.passes(event(.fired, level: .warning)), "a warning is not for the pager")
        XCTAssertTrue(route.passes(event(.escalated, level: .critical)))
        XCTAssertTrue(route.passes(event(.eased, level: .warning)), "the pager was told of it: it hears it ease")
        XCTAssertTrue(route.passes(event(.resolved, level: .warning)), "and end")
        XCTAssertFalse(route.passes(event(.fired, level: .warning)), "a new warning of the same alert id after the end")
        XCTAssertFalse(route.passes(event(.resolved, level: .warning)), "nor the end of an alert it never heard of")
    }
}
