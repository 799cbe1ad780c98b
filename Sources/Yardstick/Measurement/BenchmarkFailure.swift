/// Why a benchmark has no valid result.
public struct BenchmarkFailure: Error, Sendable, Hashable {
    /// The stage the benchmark failed in.
    public enum Kind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Its suite's set-up threw.
        case suiteSetUp = "suite-set-up"
        /// Its own set-up threw.
        case setUp = "set-up"
        /// The body threw.
        case body
        /// It ran past its time limit.
        case timeLimit = "time-limit"
        /// Its tear-down, or its suite's, threw.
        case tearDown = "tear-down"
        /// The processes that measured it disagreed on its timing mode, some batching its calls
        /// and some timing them one at a time. Set when several processes' results are merged
        /// (``BenchmarkResult``), never by a ``Runner``.
        case timing

        /// The name written to results files and shown to people, such as `time-limit`.
        public var description: String { rawValue }
    }

    /// The stage it failed in.
    public var kind: Kind
    /// A one-line explanation for people.
    public var message: String

    /// Creates a failure.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
