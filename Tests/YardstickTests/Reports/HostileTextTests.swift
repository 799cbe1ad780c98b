import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Yardstick

/// Names and messages with every character the report formats treat specially.
final class HostileTextTests: XCTestCase {
    private static let suite = "s\"<b>|\\&'"
    private static let name = suite + ".x\ny\rz\u{FFFE}\u{2028}*_`[]#~"
    private static let message = "threw <script>&\"quoted\" | line\nbreak\r\u{1}"

    private func input() -> ReportInput {
        var results = JudgementFixtures.run([
            JudgementFixtures.benchmark(Self.name, processes: [[100, 101, 102]]),
            JudgementFixtures.benchmark(Self.suite + ".broken", processes: [], failure: Self.message),
        ])
        results.benchmarks = results.benchmarks.map { benchmark in
            var benchmark = benchmark
            benchmark.suite = Self.suite
            return benchmark
        }
        let judgement = Judge(options: JudgementOptions(resamples: 200)).judge(results, against: nil, baselineName: "")
        return ReportInput(results: results, judgement: judgement)
    }

    func testJUnitIsWellFormedAndKeepsTheNames() throws {
        let xml = JUnitReport(input()).render()
        let collector = AttributeCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        XCTAssertEqual(collector.suiteNames, [Self.suite])
        XCTAssertEqual(collector.caseNames.first, Self.name.replacingOccurrences(of: "\u{FFFE}", with: "\u{FFFD}"))
        XCTAssertEqual(collector.errorMessages, [Self.message.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}")])
    }

    func testMarkdownKeepsEveryRowOnOneLineAndEscapesSyntax() {
        let markdown = MarkdownReport(input()).render()
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| benchmark") && !$0.hasPrefix("| :--") }
        XCTAssertEqual(rows.count, 2, markdown)
        XCTAssertFalse(markdown.contains("\r"))
        XCTAssertFalse(markdown.contains("<script>"))
        XCTAssertTrue(markdown.contains("### s\"\\<b\\>\\|\\\\&amp;'"), markdown)
        XCTAssertTrue(markdown.contains("threw \\<script\\>&amp;\"quoted\" \\| line break "), markdown)
    }

    func testHTMLEscapesEverything() {
        let html = HTMLReport(input()).render()
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertTrue(html.contains("s&quot;&lt;b&gt;|\\&amp;&apos;"))
    }
}

private final class AttributeCollector: NSObject, XMLParserDelegate {
    var suiteNames: [String] = []
    var caseNames: [String] = []
    var errorMessages: [String] = []

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "testsuite": suiteNames.append(attributes["name"] ?? "")
        case "testcase": caseNames.append(attributes["name"] ?? "")
        case "error": errorMessages.append(attributes["message"] ?? "")
        default: break
        }
    }
}
