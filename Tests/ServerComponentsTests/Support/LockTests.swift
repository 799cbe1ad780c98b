import XCTest
import ServerComponents

final class LockTests: XCTestCase {
    func testLockSerialisesConcurrentIncrements() async {
        final class Counter: @unchecked Sendable {
            let lock = Lock()
            var value = 0
        }
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 { counter.lock.withLock { counter.value += 1 } }
                }
            }
        }
        XCTAssertEqual(counter.value, 80_000)
    }
}
