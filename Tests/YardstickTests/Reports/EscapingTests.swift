import XCTest
@testable import Yardstick

final class EscapingTests: XCTestCase {
    func testPrometheusLabelsEscapeBackslashQuoteAndEveryLineFeed() {
        XCTAssertEqual(Escaping.prometheusLabel(#"a\b"c"#), #"a\\b\"c"#)
        XCTAssertEqual(Escaping.prometheusLabel("one\ntwo"), #"one\ntwo"#)
        // "\r\n" is one Character in Swift: its line feed must still be escaped.
        XCTAssertEqual(Escaping.prometheusLabel("one\r\ntwo"), "one\r\\ntwo")
        XCTAssertFalse(Escaping.prometheusLabel("a\r\nb\nc").contains("\n"))
    }
}
