import XCTest
@testable import Yardstick

/// `--webhook [LEVEL=]URL`, `--webhook-format` and `--alerts`, on every command that takes them.
final class AlertingOptionsTests: XCTestCase {
    private func error(_ arguments: [String]) -> String {
        do {
            return "parsed: \(try CommandParser.parse(arguments))"
        } catch {
            return "\(error.exitCode.rawValue): \(error.description)"
        }
    }

    func testALevelBeforeTheURLIsTheLowestSentAndABareURLGetsEveryLevel() throws {
        let command = try CommandParser.parse([
            "monitor", "--webhook", "critical=https://events.pagerduty.com/v2/enqueue", "--webhook", "Warning=http://127.0.0.1:1/chat",
            "--webhook", "https://hooks.example.com/log?token=a=b", "--alerts", "alerts.jsonl",
        ])
        guard case .monitor(let options) = command else { return XCTFail("not monitor: \(command)") }
        XCTAssertEqual(options.alerting, AlertingOptions(
            webhooks: [
                WebhookRoute(minimumLevel: .critical, url: "https://events.pagerduty.com/v2/enqueue"),
                WebhookRoute(minimumLevel: .warning, url: "http://127.0.0.1:1/chat"),
                WebhookRoute(minimumLevel: .info, url: "https://hooks.example.com/log?token=a=b"),
            ],
            format: .json, alertsPath: "alerts.jsonl"
        ))
    }

    func testRunABAndBaselineUpdateTakeTheSameFlags() throws {
        let flags = ["--webhook", "warning=http://127.0.0.1:9/x", "--webhook-format", "slack", "--alerts", "a.jsonl"]
        let expected = AlertingOptions(webhooks: [WebhookRoute(minimumLevel: .warning, url: "http://127.0.0.1:9/x")], format: .slack, alertsPath: "a.jsonl")
        guard case .run(let run) = try CommandParser.parse(["run"] + flags) else { return XCTFail("not run") }
        XCTAssertEqual(run.alerting, expected)
        guard case .ab(let ab) = try CommandParser.parse(["ab", "--base-ref", "main"] + flags) else { return XCTFail("not ab") }
        XCTAssertEqual(ab.alerting, expected)
        guard case .updateBaseline(let update) = try CommandParser.parse(["baseline", "update"] + flags) else { return XCTFail("not update") }
        XCTAssertEqual(update.alerting, expected)
    }

    func testBadLevelsURLsAndFormatsAreOneLineUsageErrors() {
        XCTAssertEqual(
            error(["run", "--webhook", "warn=http://127.0.0.1:9/x"]),
            "2: --webhook: unknown level 'warn' (expected info, warning or critical before '=')"
        )
        XCTAssertEqual(
            error(["run", "--webhook", "critical=ftp://host/x"]),
            "2: --webhook expects an http or https URL such as http://127.0.0.1:9091, got 'ftp://host/x'"
        )
        XCTAssertEqual(
            error(["monitor", "--webhook", "pager.example.com/x"]),
            "2: --webhook expects an http or https URL such as http://127.0.0.1:9091, got 'pager.example.com/x'"
        )
        XCTAssertEqual(
            error(["run", "--webhook", "http://127.0.0.1:9/x", "--webhook-format", "teams"]),
            "2: --webhook-format expects one of json, slack, pagerduty, got 'teams'"
        )
        XCTAssertEqual(error(["run", "--webhook-format", "slack"]), "2: --webhook-format has no effect without --webhook URL")
    }

    func testPagerDutyTakesItsRoutingKeyFromTheEnvironmentOnly() throws {
        let options = AlertingOptions(webhooks: [WebhookRoute(minimumLevel: .critical, url: "https://events.pagerduty.com/v2/enqueue")], format: .pagerduty)
        XCTAssertThrowsError(try options.webhookFormat(environment: [:])) { error in
            XCTAssertEqual(
                (error as? CommandLineError)?.description,
                "--webhook-format pagerduty needs the integration's routing key in the environment variable YARDSTICK_PAGERDUTY_ROUTING_KEY"
            )
        }
        let format = try options.webhookFormat(environment: ["YARDSTICK_PAGERDUTY_ROUTING_KEY": " key123 \n"])
        guard case .pagerDuty(let routing) = format else { return XCTFail("not pagerduty: \(format)") }
        XCTAssertEqual(routing.routingKey, "key123")
        XCTAssertEqual(format.description, "pagerduty")
    }

    func testEachWebhookSitsBehindItsLevelAndTheFileComesFirst() {
        let options = AlertingOptions(
            webhooks: [WebhookRoute(minimumLevel: .info, url: "http://127.0.0.1:9/all"), WebhookRoute(minimumLevel: .critical, url: "http://127.0.0.1:9/pager")],
            alertsPath: "a.jsonl"
        )
        let sinks = options.sinks(format: .slack) { _ in }
        XCTAssertEqual(sinks.count, 3)
        XCTAssertTrue(sinks[0] is JSONLinesAlertSink)
        XCTAssertEqual((sinks[1] as? WebhookAlertSink)?.format, .slack)
        let pager = sinks[2] as? LevelFilteredAlertSink
        XCTAssertEqual(pager?.minimumLevel, .critical)
        XCTAssertEqual((pager?.sink as? WebhookAlertSink)?.url.path, "/pager")
    }

    func testTheHelpOfEveryAlertingCommandListsTheFlags() {
        for topic in ["run", "ab", "baseline", "monitor"] {
            let help = HelpText.subcommand(topic)
            for flag in ["--webhook [LEVEL=]URL", "--webhook-format FORMAT", "--alerts FILE"] {
                XCTAssertTrue(help.contains(flag), "\(topic): \(flag)")
            }
        }
    }
}
