import Foundation
import XCTest
@testable import Yardstick

/// The files a run writes, through the real executable.
final class ReportOutputTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testRunWritesEveryReportAndTheStepSummary() throws {
        let output = directory.appendingPathComponent("reports")
        let summary = directory.appendingPathComponent("step-summary.md")
        try "earlier step\n".write(to: summary, atomically: true, encoding: .utf8)
        let result = try Executable.fixtureBench.run(
            ["-q", "-f", "quick", "-f", "throws", "--no-baseline", "--output", output.path],
            environment: ["GITHUB_STEP_SUMMARY": summary.path]
        )
        XCTAssertEqual(result.status, 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        XCTAssertEqual(files, ["junit.xml", "metrics.prom", "report.html", "report.md", "results.json"])
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("## Benchmarks: FAIL\n"), markdown)
        XCTAssertEqual(try String(contentsOf: summary, encoding: .utf8), "earlier step\n\n" + markdown)
        let junit = try String(contentsOf: output.appendingPathComponent("junit.xml"), encoding: .utf8)
        XCTAssertTrue(junit.contains("<error type=\"error\" message=\"threw in round 1: the fifth call failed\">"), junit)
    }

    func testMeasuringInSeveralProcessesAddsOneReportToTheStepSummary() throws {
        let summary = directory.appendingPathComponent("step-summary.md")
        let result = try Executable.fixtureBench.run(
            ["-q", "-f", "quick", "--processes", "2", "--no-baseline", "--output", directory.appendingPathComponent("r").path],
            environment: ["GITHUB_STEP_SUMMARY": summary.path]
        )
        XCTAssertEqual(result.status, 0, result.error)
        let text = try String(contentsOf: summary, encoding: .utf8)
        XCTAssertEqual(text.components(separatedBy: "## Benchmarks:").count - 1, 1, text)
    }

    func testReportDoesNotChartABaselineUpdatedSinceTheJudgement() throws {
        let baselines = directory.appendingPathComponent("baselines")
        let first = directory.appendingPathComponent("first")
        XCTAssertEqual(try Executable.fixtureBench.run(["-q", "-f", "steady", "--rounds", "10", "--no-baseline", "--output", first.path]).status, 0)
        let results = try ResultsFile.load(from: first.appendingPathComponent("results.json"))
        try ResultsFile.write(results, to: baselines.appendingPathComponent("default.json"))
        let judged = directory.appendingPathComponent("judged")
        _ = try Executable.fixtureBench.run(["-q", "-f", "steady", "--rounds", "10", "--baselines", baselines.path, "--output", judged.path])
        var newer = results
        newer.finishedAt = newer.finishedAt.addingTimeInterval(3_600)
        try ResultsFile.write(newer, to: baselines.appendingPathComponent("default.json"))
        let report = try Executable.bench.run([
            "report", "--from", judged.appendingPathComponent("results.json").path, "--format", "html",
            "--baselines", baselines.path, "--output", directory.appendingPathComponent("again").path,
        ])
        XCTAssertEqual(report.status, 0)
        XCTAssertTrue(report.error.contains("bench: note: baseline 'default' as judged"), report.error)
        let html = try String(contentsOf: directory.appendingPathComponent("again/report.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("baseline ("), "no baseline curve in the chart")
    }

    func testReportRendersASavedRunAgain() throws {
        let first = directory.appendingPathComponent("first")
        XCTAssertEqual(try Executable.fixtureBench.run(["-q", "-f", "quick", "--no-baseline", "--output", first.path]).status, 0)
        let again = directory.appendingPathComponent("again")
        let result = try Executable.bench.run([
            "report", "--from", first.appendingPathComponent("results.json").path, "--format", "md,prom", "--output", again.path,
        ])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, "wrote \(again.path)/report.md\nwrote \(again.path)/metrics.prom\n")
        XCTAssertEqual(
            try String(contentsOf: again.appendingPathComponent("report.md"), encoding: .utf8),
            try String(contentsOf: first.appendingPathComponent("report.md"), encoding: .utf8)
        )
    }
}
