import Foundation
import Synchronization
import XCTest
@testable import Yardstick

/// Helpers for the monitoring tests: a fixed start time, a gate a probe can hang on, and a way
/// to wait for another task without the wall clock.
enum MonitorFixtures {
    /// The time a ``ManualMonitorClock`` reads until advanced.
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A manual clock at ``start``.
    static func clock() -> ManualMonitorClock { ManualMonitorClock(start: start) }

    /// `start` plus `seconds`.
    static func time(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    /// Yields until `condition` holds; fails the test after a million yields rather than hang.
    static func waitUntil(
        _ description: String,
        file: StaticString = #filePath,
        line: UInt = #line,
        _ condition: () async -> Bool
    ) async {
        for _ in 0..<1_000_000 {
            if await condition() { return }
            await Task.yield()
        }
        XCTFail("timed out waiting until \(description)", file: file, line: line)
    }

    /// Every event a stream delivers until it finishes.
    static func collect(_ stream: AsyncStream<AlertEvent>) async -> [AlertEvent] {
        var events: [AlertEvent] = []
        for await event in stream { events.append(event) }
        return events
    }
}

/// Something a probe can wait on forever: its waiters resume only when ``open()`` is called,
/// and ignore cancellation, as a probe stuck on a lost reply would.
final class ProbeGate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Tasks waiting.
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Suspends until the gate opens.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Resumes every waiter, and lets later ones through.
    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A count that `@Sendable` closures such as probes increment.
final class CallCounter: Sendable {
    private let storage = Mutex(0)

    /// Adds one and returns the new count.
    @discardableResult
    func increment() -> Int { storage.withLock { $0 += 1; return $0 } }

    var value: Int { storage.withLock { $0 } }
}

/// A value shared with `@Sendable` closures.
final class LockedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
