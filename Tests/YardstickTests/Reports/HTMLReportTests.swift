import Foundation
import XCTest
@testable import Yardstick

final class HTMLReportTests: XCTestCase {
    func testPageIsSelfContainedWithAChartAndAWordedVerdictPerBenchmark() {
        var input = ReportFixtures.input()
        input.history = (1...3).map { day in
            var record = BaselineHistoryRecord(input.baseline!)
            record.recordedAt = input.results.startedAt.addingTimeInterval(-86_400 * Double(day))
            return record
        }
        let html = HTMLReport(input).render()
        XCTAssertFalse(html.contains("<script"), "no scripts")
        XCTAssertFalse(html.contains("src=\"http"), "nothing fetched")
        XCTAssertFalse(html.contains("href=\"http"), "no external links or stylesheets")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        // One distribution chart per benchmark with samples, one trend per benchmark in history.
        XCTAssertEqual(html.components(separatedBy: "<title>Distribution of time per call:").count - 1, 5)
        XCTAssertEqual(html.components(separatedBy: "<title>Trend of the median:").count - 1, 4)
        for verdict in ["✗ regressed", "≈ noisy", "~ unchanged", "⚠ error", "+ new", "✗ missing", "✗ over-budget"] {
            XCTAssertTrue(html.contains(verdict), "verdict shown in words: \(verdict)")
        }
        XCTAssertTrue(html.contains("<h1>Benchmarks: <span class=\"verdict regressed\">✗ FAIL</span></h1>"))
        XCTAssertTrue(html.contains("Environment differs from the baseline: kernel: &apos;6.1.0&apos; in the baseline, &apos;6.1.1&apos; now (does not block judging)"))
    }

    func testASideBySidePageNamesBaseAndHeadAndDrawsEveryProcess() {
        let input = ReportFixtures.sideBySide()
        let html = HTMLReport(input).render()
        XCTAssertTrue(html.contains("<th>base p50</th><th>head p50</th>"))
        XCTAssertTrue(html.contains("for head working tree (0123456789) against base origin/main (fedcba9876), measured side by side in 8 + 8"))
        XCTAssertEqual(html.components(separatedBy: "<title>Per-process values:").count - 1, 5, "one dot chart per compared benchmark")
        XCTAssertEqual(html.components(separatedBy: "<circle").count - 1 >= 5 * 16, true, "a dot per process and side")
        XCTAssertTrue(html.contains("↔ layout-shift"), "the moved control, in words")
        XCTAssertTrue(html.contains("layout shift in suite &apos;codec&apos;"), "said up front")
        XCTAssertTrue(html.contains("head (") && html.contains("base ("), "the distribution chart's legend names the sides")
    }

    func testCaptionsQuoteTheStatisticsOfAllSamplesNotTheThinnedOnes() throws {
        var input = ReportFixtures.input()
        // Thin the recorded samples so their percentiles differ from the summary's.
        input.results.benchmarks[0].samples.values = Array(input.results.benchmarks[0].samples.values.prefix(2))
        let html = HTMLReport(input).render()
        let summary = try XCTUnwrap(input.results.benchmarks[0].summary)
        XCTAssertTrue(html.contains("This run: p50 \(Formatting.duration(nanoseconds: summary.percentiles.p50)), "
            + "p99 \(Formatting.duration(nanoseconds: summary.percentiles.p99)) of all \(summary.count) samples"), html)
    }

    func testTextIsEscaped() {
        var input = ReportFixtures.input()
        input.results.benchmarks[3].failure = .init(kind: .body, message: "threw <script>alert(1)</script> & failed")
        input.judgement = Judge(options: JudgementOptions(resamples: 500)).judge(input.results, against: input.baseline, baselineName: "default")
        let html = HTMLReport(input).render()
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(html.contains("threw &lt;script&gt;alert(1)&lt;/script&gt; &amp; failed"))
    }
}
