extension BenchmarkResult {
    /// Why a benchmark failed.
    public struct Failure: Sendable, Hashable, Codable {
        /// The stage it failed in; in a results file, its raw value (`suite-set-up`, `set-up`,
        /// `body`, `time-limit`, `tear-down` or `timing`).
        public var kind: BenchmarkFailure.Kind
        /// A one-line explanation.
        public var message: String

        /// Creates a failure.
        public init(kind: BenchmarkFailure.Kind, message: String) {
            self.kind = kind
            self.message = message
        }
    }
}
