import XCTest
@testable import Yardstick

/// The compact form's numbers: fractions to seven significant digits, whole numbers exact.
final class CompactNumberTests: XCTestCase {
    private func rounded(_ token: String) -> String {
        JSONLayout.rounded(token, significantDigits: 7)
    }

    func testFractionsKeepSevenSignificantDigitsInTheirShortestForm() {
        XCTAssertEqual(rounded("117.9245283018868"), "117.9245")
        XCTAssertEqual(rounded("1.4463499999999998"), "1.44635")
        XCTAssertEqual(rounded("0.17980865699999998"), "0.1798087")
        XCTAssertEqual(rounded("6250.000000000001"), "6250")
        XCTAssertEqual(rounded("1.234567891e-05"), "1.234568e-05")
        XCTAssertEqual(rounded("1.7976931348623157e+308"), "1.797693e+308")
        XCTAssertEqual(Double(rounded("1.7976931348623157e+308")), 1.797693e+308)
    }

    func testShortNumbersAndWholeNumbersAreLeftAsTheyAre() {
        for token in ["8177.5", "0.01", "2.5e-07", "1000000", "9223372036854775807", "-3", "0", "true", "null"] {
            XCTAssertEqual(rounded(token), token)
        }
    }

    func testACompactFileParsesToTheRoundedValues() throws {
        let compact = Data(#"{"a":[117.9245283018868,8177.5,18446744073709551615],"b":"1.23456789"}"#.utf8)
        let laidOut = String(decoding: JSONLayout.indent(compact, significantDigits: 7), as: UTF8.self)
        XCTAssertEqual(laidOut, #"{"a": [117.9245,8177.5,18446744073709551615], "b": "1.23456789"}"# + "\n")
    }
}
