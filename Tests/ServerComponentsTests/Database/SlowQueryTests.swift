import Synchronization
import XCTest
import ServerComponents

/// ``ItemRepository/countSlowQueries(over:ticks:)``: the repository's slow query log.
final class SlowQueryTests: XCTestCase {
    /// A clock that moves `step` forward at every read, so that every operation, timed by two
    /// reads, takes exactly `step`.
    private final class SteppingTicks: TickSource {
        private let time = Mutex<UInt64>(0)
        let step: UInt64
        init(step: Duration) { self.step = UInt64(step.components.seconds) * 1_000_000_000 + UInt64(step.components.attoseconds / 1_000_000_000) }
        func nanoseconds() -> UInt64 { time.withLock { $0 += step; return $0 } }
    }

    private let item = Item(name: "lamp", category: 3, price: 24.5, createdAt: 1_000)

    func testNothingIsCountedUntilAsked() throws {
        let repository = try ItemRepository(path: ":memory:")
        _ = try repository.insert(item)
        XCTAssertEqual(repository.slowQueries, 0)
    }

    func testOperationsOverTheThresholdAreCountedAndOthersAreNot() throws {
        let repository = try ItemRepository(path: ":memory:")
        repository.countSlowQueries(over: .milliseconds(1), ticks: SteppingTicks(step: .milliseconds(2)))
        let id = try repository.insert(item)
        _ = try repository.find(id: id)
        _ = try repository.items(inCategory: 3, createdFrom: 0, to: 2_000, limit: 10)
        XCTAssertEqual(repository.slowQueries, 3, "each took 2 ms, over 1 ms")

        repository.countSlowQueries(over: .milliseconds(5), ticks: SteppingTicks(step: .milliseconds(2)))
        _ = try repository.find(id: id)
        _ = try repository.count()
        XCTAssertEqual(repository.slowQueries, 3, "2 ms is under 5 ms; the count is kept")
    }

    func testAnOperationOnTheThresholdIsNotSlowAndAFailedOneStillCounts() throws {
        let repository = try ItemRepository(path: ":memory:")
        repository.countSlowQueries(over: .milliseconds(2), ticks: SteppingTicks(step: .milliseconds(2)))
        _ = try repository.insert(item)
        XCTAssertEqual(repository.slowQueries, 0, "exactly the threshold is not over it")
        repository.countSlowQueries(over: .milliseconds(1), ticks: SteppingTicks(step: .milliseconds(2)))
        XCTAssertThrowsError(try repository.insert(Item(id: 1, name: "again", category: 3, price: 1, createdAt: 1)))
        XCTAssertEqual(repository.slowQueries, 1, "a slow failure is a slow query too")
    }
}
