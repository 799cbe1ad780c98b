extension BenchmarkResult {
    /// Why a benchmark failed.
    public struct Failure: Sendable, Hashable, Codable {
        /// The stage: `suite-set-up`, `set-up`, `body`, `time-limit` or `tear-down`.
        public var kind: String
        /// A one-line explanation.
        public var message: String
    }
}
