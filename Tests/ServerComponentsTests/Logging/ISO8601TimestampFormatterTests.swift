import Foundation
import XCTest
import ServerComponents

final class ISO8601TimestampFormatterTests: XCTestCase {
    // Expected texts checked with Python's `datetime.fromtimestamp(ms / 1000, timezone.utc)`.
    private let cases: [(milliseconds: Int64, text: String)] = [
        (0, "1970-01-01T00:00:00.000Z"),
        (1_795_458_005_123, "2026-11-23T18:20:05.123Z"),
        (951_868_799_999, "2000-02-29T23:59:59.999Z"),
        (951_868_800_000, "2000-03-01T00:00:00.000Z"),
        (4_107_499_200_500, "2100-02-28T12:00:00.500Z"),
        (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
        (1_735_689_599_999, "2024-12-31T23:59:59.999Z"),
        (1_735_689_600_001, "2025-01-01T00:00:00.001Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-2_203_891_200_000, "1900-03-01T00:00:00.000Z"),
    ]

    func testFormatsEpochsAcrossLeapYearsCenturiesAndYearEnds() {
        var formatter = ISO8601TimestampFormatter()
        for (milliseconds, text) in cases {
            XCTAssertEqual(formatter.string(epochNanoseconds: milliseconds * 1_000_000), text, "\(milliseconds) ms")
        }
    }

    func testTruncatesToTheMillisecondTowardsThePast() {
        var formatter = ISO8601TimestampFormatter()
        XCTAssertEqual(formatter.string(epochNanoseconds: 1_999_999), "1970-01-01T00:00:00.001Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: 999_999_999), "1970-01-01T00:00:00.999Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: -1), "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: -1_000_000_001), "1969-12-31T23:59:58.999Z")
    }

    func testCoversTheWholeRangeOfInt64Nanoseconds() {
        var formatter = ISO8601TimestampFormatter()
        XCTAssertEqual(formatter.string(epochNanoseconds: .max), "2262-04-11T23:47:16.854Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: .min), "1677-09-21T00:12:43.145Z")
    }

    func testTheCachedSecondIsReplacedWhenTimeMovesEitherWay() {
        var formatter = ISO8601TimestampFormatter()
        let second: Int64 = 1_795_458_005_000_000_000
        XCTAssertEqual(formatter.string(epochNanoseconds: second + 1_000_000), "2026-11-23T18:20:05.001Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: second + 998_000_000), "2026-11-23T18:20:05.998Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: second + 1_000_000_000), "2026-11-23T18:20:06.000Z")
        XCTAssertEqual(formatter.string(epochNanoseconds: second - 1), "2026-11-23T18:20:04.999Z")
    }

    func testEveryDayFrom1700To2261MatchesACountOfMonthLengths() {
        // An independent calendar: walk day by day from 1700-01-01 (98,615 days before 1970)
        // with month lengths and the Gregorian leap rule, through the non-leap 1700, 1800,
        // 1900, 2100 and 2200 and the leap 2000, to the end of 2261, and compare the date of
        // every midnight.
        var formatter = ISO8601TimestampFormatter()
        var (year, month, day) = (1700, 1, 1)
        func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }
        for days in Int64(-98_615)..<Int64(205_266 - 98_615) {
            let expected = String(format: "%04d-%02d-%02dT00:00:00.000Z", year, month, day)
            let text = formatter.string(epochNanoseconds: days * 86_400 * 1_000_000_000)
            if text != expected {
                XCTFail("day \(days): \(text), expected \(expected)")
                return
            }
            let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            day += 1
            if day > lengths[month - 1] { day = 1; month += 1 }
            if month > 12 { month = 1; year += 1 }
        }
        XCTAssertEqual([year, month, day], [2262, 1, 1])
    }

    func testLoggerLinesCarryTheInjectedClocksTime() {
        let clock = ManualWallClock()
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t", sink: sink, clock: clock)
        for (milliseconds, _) in cases {
            clock.set(epochNanoseconds: milliseconds * 1_000_000)
            logger.info("m")
        }
        XCTAssertEqual(sink.lines.map { String($0.dropFirst(14).prefix(24)) }, cases.map(\.text))
    }
}
