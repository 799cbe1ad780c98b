import Foundation
import XCTest
@testable import Yardstick

/// Markdown, JUnit XML and Prometheus text of a fixed judged run, its HTML (with a fixed baseline
/// history, so that every chart is drawn), and the Markdown of a fixed side-by-side run, compared
/// byte for byte with the files in `Golden/`. After an intended change, regenerate them with
/// `YARDSTICK_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests` and read the diff.
final class GoldenFileTests: XCTestCase {
    private func check(
        _ format: ReportFormat,
        of input: ReportInput = ReportFixtures.input(),
        named name: String? = nil,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let rendered = try format.render(input)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name ?? format.fileName)
        if ProcessInfo.processInfo.environment["YARDSTICK_UPDATE_GOLDEN"] == "1" {
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        XCTAssertEqual(rendered, expected, "\(format.fileName) differs from its golden file", file: file, line: line)
    }

    func testMarkdown() throws { try check(.md) }
    func testJUnit() throws { try check(.junit) }
    func testPrometheus() throws { try check(.prom) }
    func testHTML() throws { try check(.html, of: ReportFixtures.inputWithHistory()) }
    func testSideBySideMarkdown() throws { try check(.md, of: ReportFixtures.sideBySide(), named: "report-ab.md") }
}
