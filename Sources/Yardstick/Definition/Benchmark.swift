/// One measured operation: a name, a body the runner calls repeatedly, optional set-up and
/// tear-down kept out of the timing, and a configuration.
///
/// The body receives the index of the call (0, 1, 2, … across warmup and every round), so that
/// inputs can vary from call to call: a body that computes the same pure result every time may
/// be hoisted out of the timing loop by the optimiser (see ``opaque(_:)``). The body's result is
/// passed to ``blackHole(_:)``, so it cannot be optimised away.
///
/// ```swift
/// Benchmark("sorted") { i in
///     numbers.sorted()
/// }
///
/// Benchmark("get", setUp: { makeWarmCache() }) { cache, i in
///     cache.value(forKey: i % 10_000)
/// }
/// ```
///
/// The initialisers are inlinable so that the timing loop is specialised for the body where the
/// benchmark is defined: the loop then calls the body directly, and a call costs the body plus
/// about 2 ns (see the `harness.empty` benchmark).
///
/// A body that throws ends its benchmark with an error result; the rest of the run goes on.
public struct Benchmark: Sendable {
    /// The name within its suite; the full name is `suite.name` (for example `cache.get`).
    public let name: String
    /// Settings for this benchmark; they override the suite's.
    public var configuration: BenchmarkConfiguration
    /// Runs the set-up and returns what the runner times. Set-up runs once per benchmark and run.
    @usableFromInline
    let prepare: @Sendable () async throws -> PreparedBenchmark

    @usableFromInline
    init(name: String, configuration: BenchmarkConfiguration, prepare: @escaping @Sendable () async throws -> PreparedBenchmark) {
        self.name = name
        self.configuration = configuration
        self.prepare = prepare
    }

    /// A benchmark whose body needs no fixture.
    ///
    /// - Parameters:
    ///   - name: The name within the suite. Dots group related benchmarks (`get.hit`).
    ///   - configuration: Settings that override the suite's.
    ///   - body: The timed operation; its argument is the call's index.
    @inlinable
    public init<Output>(
        _ name: String,
        configuration: BenchmarkConfiguration = .init(),
        _ body: @escaping @Sendable (Int) throws -> Output
    ) {
        self.init(name: name, configuration: configuration) {
            PreparedBenchmark(window: .synchronous { clock, first, count in
                try timeWindow(clock, from: first, count: count) { index in blackHole(try body(index)) }
            })
        }
    }

    /// A benchmark whose asynchronous body needs no fixture.
    @inlinable
    public init<Output>(
        _ name: String,
        configuration: BenchmarkConfiguration = .init(),
        _ body: @escaping @Sendable (Int) async throws -> Output
    ) {
        self.init(name: name, configuration: configuration) {
            PreparedBenchmark(window: .asynchronous { clock, first, count in
                try await timeWindow(clock, from: first, count: count) { index in blackHole(try await body(index)) }
            })
        }
    }

    /// A benchmark with a fixture that is built before timing starts and torn down after.
    ///
    /// - Parameters:
    ///   - setUp: Builds the fixture. It runs once, before the benchmark's first round, and
    ///     is not timed.
    ///   - tearDown: Releases the fixture after the last round; not timed.
    ///   - body: The timed operation. It may mutate the fixture, which lives across all rounds.
    @inlinable
    public init<Fixture, Output>(
        _ name: String,
        configuration: BenchmarkConfiguration = .init(),
        setUp: @escaping @Sendable () async throws -> Fixture,
        tearDown: (@Sendable (Fixture) async throws -> Void)? = nil,
        _ body: @escaping @Sendable (inout Fixture, Int) throws -> Output
    ) {
        self.init(name: name, configuration: configuration) {
            let box = FixtureBox(try await setUp())
            return PreparedBenchmark(
                window: .synchronous { clock, first, count in
                    try timeWindow(clock, from: first, count: count) { index in blackHole(try body(&box.fixture, index)) }
                },
                tearDown: { try await tearDown?(box.fixture) }
            )
        }
    }

    /// A benchmark with a fixture and an asynchronous body.
    @inlinable
    public init<Fixture, Output>(
        _ name: String,
        configuration: BenchmarkConfiguration = .init(),
        setUp: @escaping @Sendable () async throws -> Fixture,
        tearDown: (@Sendable (Fixture) async throws -> Void)? = nil,
        _ body: @escaping @Sendable (inout Fixture, Int) async throws -> Output
    ) {
        self.init(name: name, configuration: configuration) {
            let box = FixtureBox(try await setUp())
            return PreparedBenchmark(
                window: .asynchronous { clock, first, count in
                    try await timeWindow(clock, from: first, count: count) { index in
                        blackHole(try await body(&box.fixture, index))
                    }
                },
                tearDown: { try await tearDown?(box.fixture) }
            )
        }
    }
}

/// Holds a fixture across calls so that a body can mutate it in place.
///
/// Only the runner's task touches the fixture, one call at a time, so the runtime's dynamic
/// exclusivity check (about 15 ns per call, measured) is switched off for it.
@usableFromInline
final class FixtureBox<Fixture> {
    @usableFromInline
    @exclusivity(unchecked)
    var fixture: Fixture

    @usableFromInline
    init(_ fixture: Fixture) { self.fixture = fixture }
}

/// A benchmark after its set-up ran: a function that times a window of calls, and the
/// tear-down to run afterwards.
@usableFromInline
struct PreparedBenchmark {
    /// Times `count` calls starting at call index `first` on the given clock and returns the
    /// nanoseconds between the window's two clock reads.
    @usableFromInline
    enum Window {
        case synchronous((_ clock: any NanosecondClock, _ first: Int, _ count: Int) throws -> UInt64)
        case asynchronous((_ clock: any NanosecondClock, _ first: Int, _ count: Int) async throws -> UInt64)
    }

    let window: Window
    let tearDown: () async throws -> Void

    @usableFromInline
    init(window: Window, tearDown: @escaping () async throws -> Void = {}) {
        self.window = window
        self.tearDown = tearDown
    }
}
