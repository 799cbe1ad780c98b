import Foundation
import XCTest
@testable import Yardstick

/// Every verdict table fills a benchmark's row with the comparison that decided its verdict,
/// naming the gate when it is not the median.
final class DecidingGateRowTests: XCTestCase {
    private typealias F = DecidingGateFixtures

    /// `svc.tail` fails only its p99 gate (median 100 → 101 ns, unchanged; p99 200 → 300 ns,
    /// regressed); `svc.both` fails both (median 100 → 130 ns), so its median decides.
    private func input() -> ReportInput {
        let rounds: [[Double]] = [[1_000, 1_010, 1_020, 1_030, 1_040]]
        let results = JudgementFixtures.run([
            JudgementFixtures.benchmark("svc.tail", processes: rounds),
            JudgementFixtures.benchmark("svc.both", processes: rounds),
        ])
        let tail = BenchmarkJudgement(
            name: "svc.tail", suite: "svc", verdict: .regressed, reasons: [.text("p99: regressed")],
            comparisons: [
                F.comparison(.median, baseline: 100, current: 101, verdict: .unchanged),
                F.comparison(.wallTime(.p99), baseline: 200, current: 300, verdict: .regressed),
            ],
            budgets: []
        )
        let both = BenchmarkJudgement(
            name: "svc.both", suite: "svc", verdict: .regressed, reasons: [.text("p50: regressed"), .text("p99: regressed")],
            comparisons: [
                F.comparison(.median, baseline: 100, current: 130, verdict: .regressed),
                F.comparison(.wallTime(.p99), baseline: 200, current: 300, verdict: .regressed),
            ],
            budgets: []
        )
        let judgement = RunJudgement(
            baseline: BaselineReference(name: "default", recordedAt: Date(timeIntervalSince1970: 1_800_000_000), processes: 5, gitCommit: nil),
            environmentDifferences: [], judgedAgainstForeignBaseline: false, options: JudgementOptions(),
            benchmarks: [tail, both], warnings: []
        )
        return ReportInput(results: results, judgement: judgement)
    }

    private func line(of benchmark: String, in text: String) -> String {
        text.split(separator: "\n").first { $0.contains(benchmark) && $0.contains("ns") }.map(String.init) ?? ""
    }

    func testTheTerminalTableShowsTheP99FiguresThatDecided() throws {
        let text = VerdictTable(try XCTUnwrap(input().judgement)).render()
        let tail = line(of: "svc.tail", in: text)
        XCTAssertTrue(tail.contains("200 ns   300 ns  p99 +50.0%  +40.0% … +60.0%"), tail)
        XCTAssertFalse(tail.contains("101 ns"), tail)
        XCTAssertTrue(line(of: "svc.both", in: text).contains("100 ns   130 ns      +30.0%"), text)
        XCTAssertTrue(text.contains("\np99 +52.0% (a change named after a gate): that gate's comparison fills the row"), text)
    }

    func testTheMarkdownRowShowsTheP99FiguresThatDecided() {
        let markdown = MarkdownReport(input()).render()
        XCTAssertTrue(markdown.contains("| svc.tail | 200 ns | 300 ns | p99 +50.0% | +40.0% … +60.0% |"), markdown)
        XCTAssertTrue(markdown.contains("| svc.both | 100 ns | 130 ns | +30.0% | +20.0% … +40.0% |"), markdown)
        XCTAssertTrue(markdown.contains("; p99 +52.0% (a change named after a gate): that gate's comparison fills the row"), markdown)
    }

    func testTheHTMLRowShowsTheP99FiguresThatDecided() {
        let html = HTMLReport(input()).render()
        XCTAssertTrue(
            html.contains("<td class=\"number\">200 ns</td><td class=\"number\">300 ns</td><td class=\"number\">p99 +50.0%</td>"), html
        )
        XCTAssertFalse(html.contains("<td class=\"number\">101 ns</td>"), html)
    }

    func testTheJUnitFailureGivesTheP99Change() {
        let junit = JUnitReport(input()).render()
        XCTAssertTrue(junit.contains("p99 change +50.0% against 200 ns"), junit)
        XCTAssertTrue(junit.contains("; change +30.0% against 100 ns"), junit)
    }
}
