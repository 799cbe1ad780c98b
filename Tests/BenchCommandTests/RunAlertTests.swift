import Foundation
import LocalHTTPReceiver
import XCTest
@testable import Yardstick

/// Runs that alert, through the real executable and local HTTP receivers: one alert per
/// benchmark that fails the gate, each at its level, and an exit code that a failing webhook
/// does not change.
final class RunAlertTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A baseline in which `fixture.steady` is ten times faster than it runs, and which holds
    /// `fixture.retired`, which no run has: a regression and a missing benchmark.
    private func fasterBaseline() throws -> URL {
        let first = directory.appendingPathComponent("first")
        let measured = try Executable.fixtureBench.run(["-q", "-f", "steady", "--rounds", "10", "--no-baseline", "--output", first.path])
        XCTAssertEqual(measured.status, 0, measured.error)
        var run = try ResultsFile.load(from: first.appendingPathComponent("results.json"))
        run.benchmarks = run.benchmarks.map { benchmark in
            var benchmark = benchmark
            benchmark.rounds = benchmark.rounds.map { round in
                var round = round
                round.percentiles = Percentiles(of: Sample([round.median / 10])!)
                return round
            }
            return benchmark
        }
        var retired = run.benchmarks[0]
        retired.name = "fixture.retired"
        run.benchmarks.append(retired)
        let baselines = directory.appendingPathComponent("baselines")
        try ResultsFile.write(run, to: baselines.appendingPathComponent("default.json"))
        return baselines
    }

    func testARegressedRunPostsOneAlertPerFailingBenchmarkAtItsLevelAndExitsOne() throws {
        let baselines = try fasterBaseline()
        let everything = try LocalHTTPReceiver()
        let pager = try LocalHTTPReceiver()
        let broken = try LocalHTTPReceiver(statuses: Array(repeating: 400, count: 10))
        let alerts = directory.appendingPathComponent("alerts.jsonl")
        let output = directory.appendingPathComponent("r")
        let result = try Executable.fixtureBench.run([
            "-q", "-f", "steady", "-f", "throws", "-f", "retired", "--rounds", "10", "--tolerance", "50%",
            "--baselines", baselines.path, "--output", output.path,
            "--webhook", everything.url("/all"), "--webhook", "critical=" + pager.url("/pager"), "--webhook", broken.url("/broken"),
            "--alerts", alerts.path,
        ])

        XCTAssertEqual(result.status, 1, result.output + result.error)
        let judged = try XCTUnwrap(ResultsFile.loadJudged(from: output.appendingPathComponent("results.json")).judgement)
        let failing = judged.failures.map(\.name).sorted()
        XCTAssertEqual(failing, ["fixture.retired", "fixture.steady", "fixture.throws"])

        let posted = try everything.requests.map { try ResultsFile.decoder.decode(AlertEvent.self, from: $0.body) }
        XCTAssertEqual(posted.map(\.alert.metric).sorted(), failing, "one alert per failing benchmark")
        XCTAssertEqual(Set(posted.map(\.kind)), [.fired])
        let levels = Dictionary(uniqueKeysWithValues: posted.map { ($0.alert.metric, $0.alert.level) })
        XCTAssertEqual(levels, ["fixture.steady": .critical, "fixture.throws": .critical, "fixture.retired": .warning])

        let paged = try pager.requests.map { try ResultsFile.decoder.decode(AlertEvent.self, from: $0.body).alert.metric }
        XCTAssertEqual(paged.sorted(), ["fixture.steady", "fixture.throws"], "critical and above only")

        let lines = try String(contentsOf: alerts, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)

        // The receiver that refuses every event is reported once, and the exit code stays 1.
        XCTAssertEqual(broken.requests.count, 3)
        let complaints = result.error.split(separator: "\n").filter { $0.contains("webhook") }
        XCTAssertEqual(complaints.count, 1, result.error)
        XCTAssertTrue(
            complaints.first?.hasPrefix("bench: warning: webhook http://127.0.0.1:\(broken.port)/…: fired event of ") == true,
            result.error
        )
        XCTAssertTrue(complaints.first?.hasSuffix("not delivered after 1 attempt: HTTP 400, not retried (and 2 more not delivered)") == true, result.error)
    }

    func testAPassingRunPostsNothing() throws {
        let receiver = try LocalHTTPReceiver()
        let result = try Executable.fixtureBench.run([
            "-q", "-f", "quick", "--rounds", "3", "--no-baseline", "--output", directory.appendingPathComponent("r").path,
            "--webhook", receiver.url(),
        ])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(receiver.requests.count, 0)
    }

    func testPagerDutyWithoutItsRoutingKeyIsRefusedBeforeMeasuring() throws {
        let result = try Executable.fixtureBench.run(
            ["-q", "-f", "steady", "--webhook", "critical=http://127.0.0.1:9/enqueue", "--webhook-format", "pagerduty",
             "--output", directory.appendingPathComponent("r").path],
            environment: ["YARDSTICK_PAGERDUTY_ROUTING_KEY": ""]
        )
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            lastLine(result.error),
            "bench: error: --webhook-format pagerduty needs the integration's routing key in the environment variable YARDSTICK_PAGERDUTY_ROUTING_KEY"
        )
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r/results.json").path))
    }

    func testARegressedRunReachesPagerDutyAsATriggerWithTheKeyFromTheEnvironment() throws {
        let baselines = try fasterBaseline()
        let pager = try LocalHTTPReceiver()
        let key = "0123456789abcdef0123456789abcdef"
        let result = try Executable.fixtureBench.run(
            ["-q", "-f", "steady", "--rounds", "10", "--tolerance", "50%", "--allow-missing", "--baselines", baselines.path,
             "--output", directory.appendingPathComponent("r").path, "--webhook", "warning=" + pager.url("/v2/enqueue"), "--webhook-format", "pagerduty"],
            environment: ["YARDSTICK_PAGERDUTY_ROUTING_KEY": key]
        )
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertFalse((result.output + result.error).contains(key))
        XCTAssertEqual(pager.requests.count, 1)
        let event = try XCTUnwrap(pager.requests.first).json()
        XCTAssertEqual(event["routing_key"] as? String, key)
        XCTAssertEqual(event["event_action"] as? String, "trigger")
        XCTAssertEqual((event["dedup_key"] as? String)?.hasSuffix("/verdict/fixture.steady"), true)
        let payload = try XCTUnwrap(event["payload"] as? [String: Any])
        XCTAssertEqual(payload["severity"] as? String, "critical")
        XCTAssertEqual((payload["summary"] as? String)?.hasPrefix("CRITICAL fixture.steady: p50 regressed +"), true, "\(payload)")
    }

    func testABaselineUpdatePostsWhatRegressedSinceThePreviousOne() throws {
        let baselines = directory.appendingPathComponent("baselines")
        try ResultsFile.write(fixtureRun(steadyMedians), to: baselines.appendingPathComponent("default.json"))
        let slower = directory.appendingPathComponent("slower.json")
        try ResultsFile.write(fixtureRun(steadyMedians.map { $0 * 1.3 }), to: slower)
        let receiver = try LocalHTTPReceiver()
        let result = try Executable.bench.run([
            "baseline", "update", "--from", slower.path, "--baselines", baselines.path,
            "--webhook", "warning=" + receiver.url(), "--webhook-format", "slack",
        ])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(receiver.requests.count, 1)
        let text = try XCTUnwrap(receiver.requests.first).json()["text"] as? String
        XCTAssertEqual(text?.hasPrefix(":red_circle: CRITICAL fired s.b: p50 regressed +30"), true, text ?? "no text")
    }
}
