import Foundation
import XCTest
import ServerComponents

final class LoggerOutputTests: XCTestCase {
    private let clock = ManualWallClock()

    private func makeLogger(
        label: String = "api",
        logLevel: LogLevel = .trace,
        metadata: [String: JSONValue] = [:],
        correlationID: String? = nil
    ) -> (Logger, InMemoryLogSink) {
        let sink = InMemoryLogSink(capacity: 100)
        let logger = Logger(
            label: label, logLevel: logLevel, metadata: metadata, correlationID: correlationID,
            sink: sink, clock: clock
        )
        return (logger, sink)
    }

    func testLineWithoutMetadataOrCorrelationIDOmitsBothFields() {
        let (logger, sink) = makeLogger()
        logger.info("server started")
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"server started"}"#,
        ])
    }

    func testFieldsComeInFixedOrderWithCorrelationIDBeforeMetadata() {
        let (logger, sink) = makeLogger(correlationID: "req-7f3a")
        logger.warning("slow query", metadata: ["ms": 812])
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"warning","label":"api","message":"slow query","#
                + #""correlationId":"req-7f3a","metadata":{"ms":812}}"#,
        ])
    }

    func testMetadataKeysAreSortedAtEveryDepthAndEveryValueTypeIsWritten() {
        let (logger, sink) = makeLogger()
        logger.error("upload failed", metadata: [
            "zone": "eu-1",
            "attempt": 3,
            "ratio": 0.25,
            "retry": false,
            "negative": -9_223_372_036_854_775_808,
            "client": ["version": "2.1", "id": 42, "flags": [true, 1.5, "x", ["b": 2, "a": 1]]],
            "empty": [:],
            "none": [],
        ])
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"error","label":"api","message":"upload failed","#
                + #""metadata":{"attempt":3,"client":{"flags":[true,1.5,"x",{"a":1,"b":2}],"id":42,"version":"2.1"},"#
                + #""empty":{},"negative":-9223372036854775808,"none":[],"ratio":0.25,"retry":false,"zone":"eu-1"}}"#,
        ])
    }

    func testEveryLevelWritesItsName() {
        let (logger, sink) = makeLogger()
        logger.trace("m")
        logger.debug("m")
        logger.info("m")
        logger.notice("m")
        logger.warning("m")
        logger.error("m")
        logger.critical("m")
        let levels = sink.lines.map { line in
            line.split(separator: ",")[1]
        }
        XCTAssertEqual(levels, [
            #""level":"trace""#, #""level":"debug""#, #""level":"info""#, #""level":"notice""#,
            #""level":"warning""#, #""level":"error""#, #""level":"critical""#,
        ])
    }

    func testEntryMetadataIsMergedOverLoggerMetadata() {
        let (base, sink) = makeLogger(metadata: ["service": "billing", "region": "eu"])
        let logger = base.with(metadata: ["region": "us", "tenant": 9])
        logger.info("charged", metadata: ["tenant": 10, "amount": 12.5])
        logger.info("refunded")
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"charged","#
                + #""metadata":{"amount":12.5,"region":"us","service":"billing","tenant":10}}"#,
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"refunded","#
                + #""metadata":{"region":"us","service":"billing","tenant":9}}"#,
        ])
        XCTAssertEqual(base.metadata, ["service": "billing", "region": "eu"], "with(metadata:) changes a copy")
    }

    func testWithCorrelationIDReturnsACopyAndNilRemovesIt() {
        let (base, sink) = makeLogger(label: "jobs")
        let tagged = base.with(correlationID: "job-1")
        tagged.info("a")
        base.info("b")
        tagged.with(correlationID: nil).info("c")
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"jobs","message":"a","correlationId":"job-1"}"#,
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"jobs","message":"b"}"#,
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"jobs","message":"c"}"#,
        ])
    }

    func testLabelAndCorrelationIDAreEscaped() {
        let (logger, sink) = makeLogger(label: "a\"b", correlationID: "c\\d\n")
        logger.info("m")
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"a\"b","message":"m","correlationId":"c\\d\n"}"#,
        ])
    }

    func testNonFiniteDoublesAreWrittenAsStrings() {
        let (logger, sink) = makeLogger()
        logger.info("m", metadata: ["a": .number(.nan), "b": .number(.infinity), "c": .number(-.infinity), "d": -0.0, "e": 1e-7])
        XCTAssertEqual(sink.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"m","#
                + #""metadata":{"a":"NaN","b":"Infinity","c":"-Infinity","d":-0.0,"e":1e-07}}"#,
        ])
    }

    func testStringInterpolationMakesAStringValue() {
        let id = 17
        let value: JSONValue = "user-\(id)"
        XCTAssertEqual(value, .string("user-17"))
    }

    func testDuplicateKeysInADictionaryLiteralKeepTheLastValue() {
        let value: JSONValue = ["a": 1, "a": 2]
        XCTAssertEqual(value, .object(["a": 2]))
    }

    func testEachLineIsHandedToTheSinkWithOneTrailingNewline() {
        final class CapturingSink: LogSink, @unchecked Sendable {
            var lines: [ArraySlice<UInt8>] = []
            func write(_ line: ArraySlice<UInt8>) { lines.append(line) }
        }
        let sink = CapturingSink()
        let logger = Logger(label: "api", sink: sink, clock: clock)
        logger.info("one\ntwo", metadata: ["k": "v\r\n"])
        logger.info("three")
        XCTAssertEqual(sink.lines.count, 2)
        for line in sink.lines {
            XCTAssertEqual(line.last, UInt8(ascii: "\n"))
            XCTAssertEqual(line.filter { $0 == UInt8(ascii: "\n") }.count, 1)
        }
        // The sink kept the slices themselves: the encoder's reused buffer must not change them.
        XCTAssertEqual(String(decoding: sink.lines[1], as: UTF8.self),
                       #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"three"}"# + "\n")
    }

    func testASinkThatLogsWhileWritingGetsItsOwnBuffer() {
        final class EchoingSink: LogSink, @unchecked Sendable {
            let inner = InMemoryLogSink(capacity: 10)
            var logger: Logger?
            func write(_ line: ArraySlice<UInt8>) {
                let echoed = logger
                logger = nil
                echoed?.info("echo")
                inner.write(line)
            }
        }
        let sink = EchoingSink()
        let logger = Logger(label: "api", sink: sink, clock: clock)
        sink.logger = logger
        logger.info("original")
        XCTAssertEqual(sink.inner.lines, [
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"echo"}"#,
            #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"original"}"#,
        ])
    }

    func testLinesLongerThanTheEncoderBufferAreWrittenWhole() throws {
        let (logger, sink) = makeLogger()
        for length in [1_000, 5_000, 200_000, 10] {
            let message = String(repeating: "é\"", count: length)
            logger.info(message, metadata: ["length": .integer(length)])
            let object = try JSONSerialization.jsonObject(with: Data(sink.lines.last!.utf8)) as? [String: Any]
            XCTAssertEqual(object?["message"] as? String, message)
        }
        XCTAssertEqual(sink.writtenCount, 4)
    }

    func testConcurrentLoggersWriteWholeLines() async {
        let sink = InMemoryLogSink(capacity: 10_000)
        let logger = Logger(label: "api", sink: sink, clock: clock)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<1_000 {
                        logger.info("line", metadata: ["task": .integer(task), "index": .integer(index)])
                    }
                }
            }
        }
        XCTAssertEqual(sink.writtenCount, 4_000)
        for line in sink.lines {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }
    }
}
