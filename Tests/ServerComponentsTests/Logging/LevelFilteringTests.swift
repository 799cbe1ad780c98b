import Foundation
import XCTest
import ServerComponents

final class LevelFilteringTests: XCTestCase {
    func testOnlyEntriesAtOrAboveTheLevelAreWritten() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", logLevel: .warning, sink: sink, clock: ManualWallClock())
        for level in LogLevel.allCases {
            logger.log(level: level, level.rawValue)
        }
        XCTAssertEqual(sink.lines.map { $0.contains(#""level":"warning""#) || $0.contains(#""level":"error""#)
                                           || $0.contains(#""level":"critical""#) }, [true, true, true])
        XCTAssertEqual(sink.writtenCount, 3)
    }

    func testFilteredEntriesEvaluateNeitherMessageNorMetadata() {
        let sink = InMemoryLogSink()
        var logger = Logger(label: "t", logLevel: .info, sink: sink, clock: ManualWallClock())
        var evaluations = 0
        func message() -> String {
            evaluations += 1
            return "m"
        }
        func metadata() -> [String: JSONValue] {
            evaluations += 1
            return ["k": 1]
        }
        logger.trace(message(), metadata: metadata())
        logger.debug(message(), metadata: metadata())
        XCTAssertEqual(evaluations, 0)
        XCTAssertEqual(sink.writtenCount, 0)

        logger.info(message(), metadata: metadata())
        XCTAssertEqual(evaluations, 2)

        logger.logLevel = .critical
        logger.error(message())
        XCTAssertEqual(evaluations, 2)
        XCTAssertEqual(sink.writtenCount, 1)
    }

    func testLevelsOrderBySeverityAndCodeAsTheirNames() throws {
        XCTAssertEqual(LogLevel.allCases.reversed().sorted(), [.trace, .debug, .info, .notice, .warning, .error, .critical])
        XCTAssertLessThan(LogLevel.warning, .error)
        let data = try JSONEncoder().encode([LogLevel.notice])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["notice"]"#)
        XCTAssertEqual(try JSONDecoder().decode([LogLevel].self, from: Data(#"["critical"]"#.utf8)), [.critical])
    }
}
