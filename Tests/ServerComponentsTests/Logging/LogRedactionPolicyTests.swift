import XCTest
import ServerComponents

final class LogRedactionPolicyTests: XCTestCase {
    private func line(policy: LogRedactionPolicy, metadata: [String: JSONValue]) -> String {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock(), redaction: policy)
        logger.info("m", metadata: metadata)
        return sink.lines[0]
    }

    private func metadataText(_ line: String) -> Substring {
        line[line.range(of: #""metadata":"#)!.upperBound...].dropLast()
    }

    func testDefaultKeysAreRedactedInDictionariesInsideArraysInsideDictionaries() {
        let line = line(policy: .default, metadata: [
            "request": [
                "headers": [
                    ["Authorization": "Bearer abc", "accept": "json"],
                    ["name": "x", "TOKEN": "t0k"],
                ],
                "user": ["name": "ada", "Password": "hunter2", "profile": ["secret": ["deep": 1]]],
            ],
            "apiKey": "k-123",
            "APIKEY": "k-456",
            "passwordHint": "not a secret",
        ])
        XCTAssertEqual(metadataText(line), #"{"APIKEY":"[REDACTED]","apiKey":"[REDACTED]","passwordHint":"not a secret","#
            + #""request":{"headers":[{"Authorization":"[REDACTED]","accept":"json"},{"TOKEN":"[REDACTED]","name":"x"}],"#
            + #""user":{"Password":"[REDACTED]","name":"ada","profile":{"secret":"[REDACTED]"}}}}"#)
        XCTAssertFalse(line.contains("hunter2") || line.contains("abc") || line.contains("k-123") || line.contains("deep"))
    }

    func testEveryValueTypeUnderASecretKeyIsReplacedWhole() {
        let line = line(policy: .default, metadata: [
            "token": 42, "secret": [1, 2], "password": true, "authorization": 1.5,
        ])
        XCTAssertEqual(metadataText(line),
                       #"{"authorization":"[REDACTED]","password":"[REDACTED]","secret":"[REDACTED]","token":"[REDACTED]"}"#)
    }

    func testConfiguredKeysReplaceTheDefaults() {
        let policy = LogRedactionPolicy(secretKeys: ["SSN", "cardNumber"])
        let line = line(policy: policy, metadata: ["ssn": "123", "CARDNUMBER": "4111", "password": "visible"])
        XCTAssertEqual(metadataText(line), #"{"CARDNUMBER":"[REDACTED]","password":"visible","ssn":"[REDACTED]"}"#)
    }

    func testAddingKeepsTheDefaultsAndAddsTheNewKeys() {
        let policy = LogRedactionPolicy.default.adding(["Cookie"])
        XCTAssertTrue(policy.isSecret("cookie"))
        XCTAssertTrue(policy.isSecret("COOKIE"))
        XCTAssertTrue(policy.isSecret("apikey"))
        XCTAssertEqual(policy.secretKeys, ["password", "token", "authorization", "secret", "apikey", "cookie"])
    }

    func testNoneRedactsNothing() {
        let line = line(policy: .none, metadata: ["password": "p"])
        XCTAssertEqual(metadataText(line), #"{"password":"p"}"#)
    }

    func testMatchingIsExactApartFromCase() {
        let policy = LogRedactionPolicy.default
        XCTAssertTrue(policy.isSecret("ToKeN"))
        XCTAssertFalse(policy.isSecret("tokens"))
        XCTAssertFalse(policy.isSecret("toke"))
        XCTAssertFalse(policy.isSecret(" token"))
        XCTAssertFalse(policy.isSecret(""))
    }

    func testNonASCIIKeysAreComparedAfterUnicodeLowercasing() {
        // U+212A KELVIN SIGN lowercases to an ASCII "k".
        XCTAssertTrue(LogRedactionPolicy.default.isSecret("TO\u{212A}EN"))
        let policy = LogRedactionPolicy(secretKeys: ["PASSWÖRT"])
        XCTAssertTrue(policy.isSecret("passwört"))
        XCTAssertTrue(policy.isSecret("PassWÖrt"))
        XCTAssertFalse(policy.isSecret("passwort"))
    }

    func testPoliciesWithTheSameKeysAreEqual() {
        XCTAssertEqual(LogRedactionPolicy(secretKeys: ["a", "B"]), LogRedactionPolicy(secretKeys: ["b", "A", "a"]))
    }
}
