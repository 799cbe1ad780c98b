/// A named group of benchmarks with shared defaults and optional suite-wide set-up and tear-down.
///
/// A benchmark's full name is the suite's name, a dot, and the benchmark's name: `cache.get`.
///
/// ```swift
/// let suite = Suite("cache", configuration: .init(iterations: 10_000)) {
///     Benchmark("get", setUp: { makeWarmCache() }) { cache, i in cache.value(forKey: i % 1_000) }
///     for size in [100, 10_000] {
///         Benchmark("set.\(size)", setUp: { LRUCache<Int, Int>(capacity: size) }) { cache, i in
///             cache.set(i, forKey: i)
///         }
///     }
/// }
/// ```
public struct Suite: Sendable {
    /// The suite's name, the first component of its benchmarks' full names.
    public let name: String
    /// Defaults for every benchmark in the suite; each benchmark's own configuration wins.
    public var configuration: BenchmarkConfiguration
    /// The benchmarks, in the order they run within each round.
    public var benchmarks: [Benchmark]
    /// Runs once before any benchmark of the suite is set up; not timed. If it throws, every
    /// benchmark of the suite reports an error.
    let setUp: @Sendable () async throws -> Void
    /// Runs once after every benchmark of the suite finished; not timed.
    let tearDown: @Sendable () async throws -> Void

    /// Creates a suite.
    ///
    /// - Parameters:
    ///   - name: The suite's name.
    ///   - configuration: Defaults for the suite's benchmarks.
    ///   - setUp: Prepares what the whole suite needs, before any benchmark's own set-up.
    ///   - tearDown: Releases it after the suite's last benchmark.
    ///   - benchmarks: The benchmarks, listed in a result-builder block.
    public init(
        _ name: String,
        configuration: BenchmarkConfiguration = .init(),
        setUp: @escaping @Sendable () async throws -> Void = {},
        tearDown: @escaping @Sendable () async throws -> Void = {},
        @BenchmarkListBuilder benchmarks: () -> [Benchmark]
    ) {
        self.name = name
        self.configuration = configuration
        self.benchmarks = benchmarks()
        self.setUp = setUp
        self.tearDown = tearDown
    }

    /// The full name of one of this suite's benchmarks.
    public func fullName(of benchmark: Benchmark) -> String {
        "\(name).\(benchmark.name)"
    }
}

/// Builds a suite's list of benchmarks from statements, loops and conditions.
@resultBuilder
public enum BenchmarkListBuilder {
    /// One benchmark.
    public static func buildExpression(_ benchmark: Benchmark) -> [Benchmark] { [benchmark] }
    /// Several benchmarks at once, such as the same body at different sizes.
    public static func buildExpression(_ benchmarks: [Benchmark]) -> [Benchmark] { benchmarks }
    /// The statements of a block, concatenated.
    public static func buildBlock(_ parts: [Benchmark]...) -> [Benchmark] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [Benchmark]?) -> [Benchmark] { part ?? [] }
    /// The first branch of an `if`-`else`.
    public static func buildEither(first part: [Benchmark]) -> [Benchmark] { part }
    /// The second branch of an `if`-`else`.
    public static func buildEither(second part: [Benchmark]) -> [Benchmark] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[Benchmark]]) -> [Benchmark] { parts.flatMap { $0 } }
}
