import XCTest
@testable import ServerComponents

final class EmailAddressTests: XCTestCase {
    func testAcceptsWhatHTMLAccepts() {
        for address in [
            "ada@example.org", "a@b", "admin@localhost", "first.last+tag@sub.example.co.uk",
            "o'brien@example.ie", "x!#$%&'*+/=?^_`{|}~-@example.com", "a@a-b.c", "a@\(String(repeating: "d", count: 63)).com",
            "\(String(repeating: "l", count: 64))@example.com",
        ] {
            XCTAssertTrue(EmailAddress.isValid(address), address)
        }
    }

    func testRejectsWhatHTMLRejects() {
        for address in [
            "", "@example.org", "ada@", "ada", "ada@@example.org", "ada@example..org", "ada@.example.org",
            "ada@example.org.", "ada@-example.org", "ada@example-.org", "ada lovelace@example.org",
            "\"ada\"@example.org", "ada@[192.0.2.1]", "adá@example.org", "ada@exámple.org",
            "a@\(String(repeating: "d", count: 64)).com", "\(String(repeating: "l", count: 65))@example.com",
            "a@" + Array(repeating: "abcdefghi", count: 26).joined(separator: "."),
        ] {
            XCTAssertFalse(EmailAddress.isValid(address), address)
        }
    }
}
