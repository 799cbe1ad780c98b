import XCTest
@testable import Yardstick

final class ABScheduleTests: XCTestCase {
    func testEveryBlockOfFourIsABBAOrItsMirror() {
        for seed: UInt64 in 0..<50 {
            let schedule = ABSchedule(processesPerSide: 12, seed: seed)
            XCTAssertEqual(schedule.sides.count, 24)
            for block in stride(from: 0, to: 24, by: 4) {
                let sides = Array(schedule.sides[block..<(block + 4)])
                XCTAssertTrue(sides == [.base, .head, .head, .base] || sides == [.head, .base, .base, .head], "\(sides)")
            }
        }
    }

    func testAnOddCountEndsWithOnePairAndStaysBalanced() {
        for seed: UInt64 in 0..<20 {
            let schedule = ABSchedule(processesPerSide: 5, seed: seed)
            XCTAssertEqual(schedule.sides.filter { $0 == .base }.count, 5)
            XCTAssertEqual(schedule.sides.filter { $0 == .head }.count, 5)
            let last = Array(schedule.sides.suffix(2))
            XCTAssertTrue(last == [.base, .head] || last == [.head, .base])
        }
    }

    func testTheSeedFixesTheOrderAndBothPatternsOccur() {
        XCTAssertEqual(ABSchedule(processesPerSide: 12, seed: 7), ABSchedule(processesPerSide: 12, seed: 7))
        let firsts = Set((0..<64 as Range<UInt64>).map { ABSchedule(processesPerSide: 2, seed: $0).sides[0] })
        XCTAssertEqual(firsts, [.base, .head])
        let orders = Set((0..<1_024 as Range<UInt64>).map { ABSchedule(processesPerSide: 12, seed: $0).sides })
        XCTAssertEqual(orders.count, 64, "six blocks of two patterns give 64 orders, and 1,024 seeds find them all")
    }

    func testEachSideCountsItsOwnProcessesInRunOrder() {
        for seed: UInt64 in 0..<20 {
            let schedule = ABSchedule(processesPerSide: 7, seed: seed)
            for side in ABSide.allCases {
                let indices = zip(schedule.sides, schedule.indicesWithinSide).filter { $0.0 == side }.map(\.1)
                XCTAssertEqual(indices, Array(0..<7))
            }
        }
    }

    func testTheScheduleRoundTripsThroughJSON() throws {
        let schedule = ABSchedule(processesPerSide: 3, seed: 11)
        let data = try JSONEncoder().encode(schedule)
        XCTAssertEqual(try JSONDecoder().decode(ABSchedule.self, from: data), schedule)
    }
}
