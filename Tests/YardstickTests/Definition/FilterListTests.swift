import Foundation
import XCTest
@testable import Yardstick

final class FilterListTests: XCTestCase {
    func testNoFilterSelectsEverythingAndAnyMatchingFilterSelects() throws {
        XCTAssertTrue(FilterList().matches("anything"))
        let filters = try FilterList(["^cache\\.", "single$"])
        XCTAssertTrue(filters.matches("cache.get"))
        XCTAssertTrue(filters.matches("logging.single"))
        XCTAssertFalse(filters.matches("logging.volume"))
    }

    func testTheFirstBadPatternIsNamed() {
        XCTAssertThrowsError(try FilterList(["ok", "bad(", "worse["])) { error in
            XCTAssertTrue("\(error)".hasPrefix("invalid filter 'bad(': "), "\(error)")
        }
    }

    func testListsAreEqualByTheirPatterns() throws {
        XCTAssertEqual(try FilterList(["a", "b"]), try FilterList(filters: [NameFilter("a"), NameFilter("b")]))
        XCTAssertNotEqual(try FilterList(["a", "b"]), try FilterList(["b", "a"]))
        XCTAssertEqual(FilterList(), try FilterList([]))
    }
}
