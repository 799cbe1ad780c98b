import Foundation
import XCTest
@testable import Yardstick
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `flock` locks belong to an open file description, so a second `open` of the same file in
/// this process competes with a ``FileLock`` exactly as another process would.
final class FileLockTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Opens the lock file on a descriptor of its own; closed by the caller.
    private func openSeparately(_ url: URL) throws -> Int32 {
        let descriptor = open(url.path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        return descriptor
    }

    /// Whether another holder could take the lock now, without waiting.
    private func isFree(_ url: URL) throws -> Bool {
        let other = try openSeparately(url)
        defer { close(other) }
        guard flock(other, LOCK_EX | LOCK_NB) == 0 else {
            XCTAssertEqual(errno, EWOULDBLOCK)
            return false
        }
        flock(other, LOCK_UN)
        return true
    }

    func testTheLockExcludesAnotherHolderUntilReleased() throws {
        let url = directory.appendingPathComponent("baselines/.lock")
        var lock: FileLock? = try FileLock(at: url)
        XCTAssertNotNil(lock)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "the file and its directory are created")
        XCTAssertFalse(try isFree(url), "held")
        lock = nil
        XCTAssertTrue(try isFree(url), "released when the lock is released")
    }

    func testAReleasedLockIsTakenAgainWithoutWaiting() throws {
        let url = directory.appendingPathComponent(".lock")
        var waits = 0
        do {
            let first = try FileLock(at: url) { waits += 1 }
            withExtendedLifetime(first) {}
        }
        let second = try FileLock(at: url) { waits += 1 }
        withExtendedLifetime(second) {}
        XCTAssertEqual(waits, 0)
    }

    /// The second holder reports that it waits, then waits for the first to let go, however
    /// long that takes: it is released only after `onWait` has run.
    func testASecondHolderSaysItWaitsThenGetsTheLockWhenTheFirstLetsGo() throws {
        let url = directory.appendingPathComponent(".lock")
        try Data().write(to: url)
        let first = try openSeparately(url)
        defer { close(first) }
        XCTAssertEqual(flock(first, LOCK_EX), 0)

        let waiting = DispatchSemaphore(value: 0)
        let acquired = DispatchSemaphore(value: 0)
        let outcome = Recorder<String>()
        Thread.detachNewThread {
            do {
                let lock = try FileLock(at: url) { waiting.signal() }
                outcome.append("acquired")
                withExtendedLifetime(lock) {}
            } catch {
                outcome.append("threw \(error)")
            }
            acquired.signal()
        }
        // Only a failing build ever hits these timeouts; a passing one never waits on them.
        XCTAssertEqual(waiting.wait(timeout: .now() + 60), .success, "onWait was called while the lock was held")
        XCTAssertEqual(outcome.values, [], "not acquired while the first holder has it")
        XCTAssertEqual(flock(first, LOCK_UN), 0)
        XCTAssertEqual(acquired.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(outcome.values, ["acquired"])
    }

    func testALockWhoseDirectoryCannotBeCreatedThrows() throws {
        let blocker = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        XCTAssertThrowsError(try FileLock(at: blocker.appendingPathComponent(".lock")))
    }
}
