import Foundation
import XCTest
@testable import Yardstick

final class ReportWriterTests: XCTestCase {
    func testStepSummaryGetsAParagraphOfItsOwn() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.md")
        for (before, separator) in [("", ""), ("previous step", "\n\n"), ("previous step\n", "\n"), ("previous step\n\n", "")] {
            try before.write(to: summary, atomically: true, encoding: .utf8)
            let input = ReportFixtures.input()
            try ReportWriter(directory: directory.appendingPathComponent("out"), formats: [.md], stepSummary: summary).write(input)
            XCTAssertEqual(try String(contentsOf: summary, encoding: .utf8), before + separator + MarkdownReport(input).render())
        }
    }

    func testJUnitSkipsAnAllowedMissingBenchmark() {
        var input = ReportFixtures.input()
        input.judgement?.options.allowsMissing = true
        let xml = JUnitReport(input).render()
        XCTAssertTrue(xml.contains("<testcase classname=\"store\" name=\"store.retired\" time=\"0.000\">\n      <skipped message=\"missing: "), xml)
    }
}
