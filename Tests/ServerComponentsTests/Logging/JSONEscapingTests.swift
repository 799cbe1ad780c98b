import Foundation
import XCTest
import ServerComponents

final class JSONEscapingTests: XCTestCase {
    private static let controlCharacters = (0x00...0x1F).map { String(UnicodeScalar(UInt8($0))) }

    private static let nastyStrings: [String] = controlCharacters + [
        controlCharacters.joined(),
        "",
        "\"",
        "\\",
        "\\\"",
        "\"\\\"\\\\",
        "ends with backslash\\",
        "quote \" in the middle",
        "</script><script>alert(1)</script>",
        "a/b",
        "\u{7F} delete",
        "😀 emoji",
        "👩‍👩‍👧‍👦 family with joiners",
        "🇸🇪🇯🇵 flags",
        "e\u{301} combining acute",
        "\u{301} leading combining mark",
        "\u{0915}\u{094D}\u{0937} conjunct",
        "\u{2028} line separator \u{2029} paragraph separator",
        // Mid-string: Foundation's parser drops a U+FEFF that starts a string value.
        "byte order mark \u{FEFF} inside",
        "\u{FFFF} \u{10FFFF} last scalars",
        "zero\u{0}byte",
        "mixed \t\"tab\" \n\\n\u{1B}[31m escape",
        String(repeating: "long \u{1} ", count: 500),
    ]

    func testControlCharactersUseShortOrHexEscapes() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock())
        logger.info(Self.controlCharacters.joined() + "\"\\/é")
        let expected = #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + #"\"\\/é"#
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"t","message":""# + expected + #""}"#,
        ])
    }

    func testNastyMessagesParseBackToTheSameText() throws {
        let sink = InMemoryLogSink(capacity: Self.nastyStrings.count)
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock())
        for string in Self.nastyStrings { logger.info(string) }
        XCTAssertEqual(sink.lines.count, Self.nastyStrings.count)
        for (line, string) in zip(sink.lines, Self.nastyStrings) {
            let object = try Self.parse(line)
            let message = try XCTUnwrap(object["message"] as? String)
            XCTAssertEqual(Array(message.unicodeScalars), Array(string.unicodeScalars), "line: \(line)")
        }
    }

    func testNastyMetadataKeysAndValuesParseBackAtEveryDepth() throws {
        let sink = InMemoryLogSink(capacity: Self.nastyStrings.count)
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock(), redaction: .none)
        for (index, string) in Self.nastyStrings.enumerated() {
            logger.info("m", metadata: [
                string: .string(string),
                "nested": ["array": [.string(string), [string: .integer(index)]]],
            ])
        }
        for (line, string) in zip(sink.lines, Self.nastyStrings) {
            let object = try Self.parse(line)
            let metadata = try XCTUnwrap(object["metadata"] as? [String: Any])
            let value = try XCTUnwrap(metadata[string] as? String, "line: \(line)")
            XCTAssertEqual(Array(value.unicodeScalars), Array(string.unicodeScalars))
            let nested = try XCTUnwrap(metadata["nested"] as? [String: Any])
            let array = try XCTUnwrap(nested["array"] as? [Any])
            XCTAssertEqual((array[0] as? String).map { Array($0.unicodeScalars) }, Array(string.unicodeScalars))
            let inner = try XCTUnwrap(array[1] as? [String: Any])
            XCTAssertEqual(inner.keys.map { Array($0.unicodeScalars) }, [Array(string.unicodeScalars)])
        }
    }

    func testLinesHoldNoRawControlBytes() {
        let sink = InMemoryLogSink(capacity: Self.nastyStrings.count)
        let logger = Logger(label: "\n", sink: sink, clock: ManualWallClock(), redaction: .none)
        for string in Self.nastyStrings {
            logger.with(correlationID: string).info(string, metadata: [string: .string(string)])
        }
        for line in sink.lines {
            XCTAssertFalse(line.utf8.contains { $0 < 0x20 }, line)
        }
    }

    private static func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try XCTUnwrap(object as? [String: Any], "not an object: \(line)")
    }
}
