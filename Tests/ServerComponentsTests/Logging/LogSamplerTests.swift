import XCTest
import ServerComponents

final class LogSamplerTests: XCTestCase {
    func testInfoAtTenPercentWritesTenOfAHundredAndErrorsAlways() {
        let sink = InMemoryLogSink(capacity: 1_000)
        let sampler = LogSampler(rates: [.info: 0.1])
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock(), sampler: sampler)
        for index in 0..<100 {
            logger.info("info \(index)")
            logger.error("error \(index)")
        }
        let messages = sink.lines.map { line in
            line[line.range(of: #""message":""#)!.upperBound...].dropLast(2)
        }
        XCTAssertEqual(messages.filter { $0.hasPrefix("info") }, ["info 0", "info 10", "info 20", "info 30", "info 40",
                                                                 "info 50", "info 60", "info 70", "info 80", "info 90"])
        XCTAssertEqual(messages.filter { $0.hasPrefix("error") }.count, 100)
        XCTAssertEqual(sampler.droppedCount(at: .info), 90)
        XCTAssertEqual(sampler.droppedCount(at: .error), 0)
        XCTAssertEqual(sampler.droppedCount, 90)
    }

    func testKeepsTheCeilingOfRateTimesEntries() {
        // 1/3 is kept as 0.333333: of 10 entries ⌈3.33333⌉ = 4 are kept, of 30 ⌈9.99999⌉ = 10,
        // so 6 of the 20 after the first 10.
        let sampler = LogSampler(rates: [.debug: 0.25, .info: 1.0 / 3, .trace: 0.001])
        for (level, count, kept) in [(LogLevel.debug, 10, 3), (.info, 10, 4), (.info, 20, 6), (.trace, 2_500, 3)] {
            let keptNow = (0..<count).filter { _ in sampler.shouldKeep(level) }.count
            XCTAssertEqual(keptNow, kept, "\(level) after \(count) more")
        }
    }

    func testRateZeroDropsEverythingAndRatesAreClamped() {
        let sampler = LogSampler(rates: [.debug: 0, .info: 7, .notice: -1, .warning: .nan])
        XCTAssertEqual((0..<5).filter { _ in sampler.shouldKeep(.debug) }.count, 0)
        XCTAssertEqual((0..<5).filter { _ in sampler.shouldKeep(.info) }.count, 5)
        XCTAssertEqual((0..<5).filter { _ in sampler.shouldKeep(.notice) }.count, 0)
        XCTAssertEqual((0..<5).filter { _ in sampler.shouldKeep(.warning) }.count, 5)
        XCTAssertEqual(sampler.droppedCount, 10)
        XCTAssertEqual(sampler.rate(at: .info), 1)
        XCTAssertEqual(sampler.rate(at: .notice), 0)
    }

    func testSampledOutEntriesBuildNoMessage() {
        let sampler = LogSampler(rates: [.info: 0.5])
        let logger = Logger(label: "t", sink: InMemoryLogSink(), clock: ManualWallClock(), sampler: sampler)
        var built = 0
        func message() -> String {
            built += 1
            return "m"
        }
        for _ in 0..<10 { logger.info(message()) }
        XCTAssertEqual(built, 5)
    }

    func testCopiesOfALoggerAndConcurrentThreadsShareTheRate() async {
        let sink = InMemoryLogSink(capacity: 10_000)
        let sampler = LogSampler(rates: [.info: 0.1])
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock(), sampler: sampler)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                let copy = logger.with(metadata: ["task": .integer(task)])
                group.addTask {
                    for _ in 0..<1_000 { copy.info("m") }
                }
            }
        }
        XCTAssertEqual(sink.writtenCount, 400)
        XCTAssertEqual(sampler.droppedCount(at: .info), 3_600)
    }
}
