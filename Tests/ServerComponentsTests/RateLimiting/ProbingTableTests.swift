import XCTest
@testable import ServerComponents

final class ProbingTableTests: XCTestCase {
    /// Keys whose hashes collide in groups of 64, so probing runs long and wraps around.
    private func collidingHash(_ key: Int) -> Int { (key / 64) &* 0x9E37_79B9 }

    func testAgreesWithADictionaryUnderRandomUpdatesGrowthAndRemoval() {
        var table = ProbingTable<Int, Int>()
        var model: [Int: Int] = [:]
        var random = SplitMix(state: 42)
        for step in 0..<20_000 {
            let key = Int(random.next() % 3_000)
            let increment = Int(random.next() % 10)
            let result = table.withValue(forKey: key, hash: collidingHash(key), default: { 0 }) { value in
                value += increment
                return value
            }
            model[key, default: 0] += increment
            XCTAssertEqual(result, model[key])
            if step % 2_500 == 2_499 {
                let threshold = Int(random.next() % 40)
                let removed = table.removeAll { $0 < threshold }
                let before = model.count
                model = model.filter { $0.value >= threshold }
                XCTAssertEqual(removed, before - model.count)
            }
            XCTAssertEqual(table.count, model.count)
        }
        for key in 0..<3_000 {
            XCTAssertEqual(table.value(forKey: key, hash: collidingHash(key)), model[key], "key \(key)")
        }
        XCTAssertLessThanOrEqual(2 * table.count, table.slotCount, "at most half full")
    }

    func testRemovalShrinksTheTableToTheSurvivors() {
        var table = ProbingTable<Int, Int>()
        for key in 0..<10_000 {
            table.withValue(forKey: key, hash: key &* 0x9E37_79B9, default: { key }) { _ in }
        }
        XCTAssertEqual(table.slotCount, 32_768)
        XCTAssertEqual(table.removeAll { $0 >= 10 }, 9_990)
        XCTAssertEqual(table.count, 10)
        XCTAssertEqual(table.slotCount, 32, "the fewest slots that keep 10 entries at most half full")
        XCTAssertEqual(table.value(forKey: 3, hash: 3 &* 0x9E37_79B9), 3)
        XCTAssertNil(table.value(forKey: 10, hash: 10 &* 0x9E37_79B9))
    }

    func testRemovingNothingKeepsTheTable() {
        var table = ProbingTable<String, Int>()
        table.withValue(forKey: "a", hash: "a".hashValue, default: { 1 }) { _ in }
        XCTAssertEqual(table.removeAll { _ in false }, 0)
        XCTAssertEqual(table.value(forKey: "a", hash: "a".hashValue), 1)
    }

    func testAHashOfZeroIsStillAnEntry() {
        var table = ProbingTable<Int, Int>()
        table.withValue(forKey: 7, hash: 0, default: { 70 }) { _ in }
        table.withValue(forKey: 8, hash: 0, default: { 80 }) { _ in }
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table.value(forKey: 7, hash: 0), 70)
        XCTAssertEqual(table.value(forKey: 8, hash: 0), 80)
    }
}

/// SplitMix64: a seeded generator, so the test does the same thing on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
