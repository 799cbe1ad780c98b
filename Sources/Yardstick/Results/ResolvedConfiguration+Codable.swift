/// The JSON shape of a resolved configuration:
///
/// ```json
/// { "warmupIterations": 100, "iterations": 1000, "rounds": 10, "timeLimitSeconds": 60,
///   "throughput": { "unit": "operations", "perCall": 1 },
///   "timing": { "mode": "automatic" }, "tags": [],
///   "tolerance": { "relative": 0.05 }, "alpha": 0.01, "gates": [], "budgets": [],
///   "isControl": false }
/// ```
///
/// `isControl` is absent from files written before controls existed, and reads as `false`.
///
/// A compact file (``ResultsForm/compact``) leaves out each field that holds its format
/// default: `timeLimitSeconds` 60, `throughput` 1 operation per call, `timing` automatic,
/// `tags` none, `tolerance` 5%, `alpha` 0.01, no `gates`, no `budgets`, `isControl` false.
/// These defaults belong to the file format, fixed here, not to ``BenchmarkConfiguration``'s
/// defaults, which may change without changing what an old file says. An absent field reads as
/// its format default in either form.
extension ResolvedConfiguration: Codable {
    private enum CodingKeys: String, CodingKey {
        case warmupIterations, iterations, rounds, timeLimitSeconds, throughput, timing, tags
        case tolerance, alpha, gates, budgets, isControl
    }

    /// The format defaults; never change them: files written without these fields mean them.
    private enum FormatDefault {
        static let timeLimitSeconds = 60.0
        static let throughput = Throughput.operations(1)
        static let timing = TimingMode.automatic
        static let tags: [String] = []
        static let tolerance = Tolerance.relative(0.05)
        static let alpha = 0.01
        static let gates: [Gate] = []
        static let budgets: [Budget] = []
        static let isControl = false
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warmupIterations = try container.decode(Int.self, forKey: .warmupIterations)
        iterations = try container.decode(Int.self, forKey: .iterations)
        rounds = try container.decode(Int.self, forKey: .rounds)
        let seconds = try container.decodeIfPresent(Double.self, forKey: .timeLimitSeconds) ?? FormatDefault.timeLimitSeconds
        guard let nanoseconds = Int64(exactly: (seconds * 1e9).rounded()) else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeLimitSeconds, in: container,
                debugDescription: "\(seconds) seconds is not a representable time limit"
            )
        }
        timeLimit = .nanoseconds(nanoseconds)
        throughput = try container.decodeIfPresent(Throughput.self, forKey: .throughput) ?? FormatDefault.throughput
        timing = try container.decodeIfPresent(TimingMode.self, forKey: .timing) ?? FormatDefault.timing
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? FormatDefault.tags
        tolerance = try container.decodeIfPresent(Tolerance.self, forKey: .tolerance) ?? FormatDefault.tolerance
        alpha = try container.decodeIfPresent(Double.self, forKey: .alpha) ?? FormatDefault.alpha
        gates = try container.decodeIfPresent([Gate].self, forKey: .gates) ?? FormatDefault.gates
        budgets = try container.decodeIfPresent([Budget].self, forKey: .budgets) ?? FormatDefault.budgets
        isControl = try container.decodeIfPresent(Bool.self, forKey: .isControl) ?? FormatDefault.isControl
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let isCompact = encoder.resultsForm == .compact
        func encode<Value: Encodable & Equatable>(_ value: Value, _ key: CodingKeys, default: Value) throws {
            if !isCompact || value != `default` { try container.encode(value, forKey: key) }
        }
        try container.encode(warmupIterations, forKey: .warmupIterations)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(rounds, forKey: .rounds)
        try encode(Double(timeLimit.nanoseconds) / 1e9, .timeLimitSeconds, default: FormatDefault.timeLimitSeconds)
        try encode(throughput, .throughput, default: FormatDefault.throughput)
        try encode(timing, .timing, default: FormatDefault.timing)
        try encode(tags, .tags, default: FormatDefault.tags)
        try encode(tolerance, .tolerance, default: FormatDefault.tolerance)
        try encode(alpha, .alpha, default: FormatDefault.alpha)
        try encode(gates, .gates, default: FormatDefault.gates)
        try encode(budgets, .budgets, default: FormatDefault.budgets)
        try encode(isControl, .isControl, default: FormatDefault.isControl)
    }
}

extension Throughput: Codable {
    private enum CodingKeys: String, CodingKey { case unit, perCall }
    private enum Unit: String, Codable { case operations, bytes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let count = try container.decode(Int.self, forKey: .perCall)
        switch try container.decode(Unit.self, forKey: .unit) {
        case .operations: self = .operations(count)
        case .bytes: self = .bytes(count)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .operations(let count):
            try container.encode(Unit.operations, forKey: .unit)
            try container.encode(count, forKey: .perCall)
        case .bytes(let count):
            try container.encode(Unit.bytes, forKey: .unit)
            try container.encode(count, forKey: .perCall)
        }
    }
}

extension TimingMode: Codable {
    private enum CodingKeys: String, CodingKey { case mode, batchSize }
    private enum Mode: String, Codable { case automatic, perCall = "per-call", batched }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Mode.self, forKey: .mode) {
        case .automatic: self = .automatic
        case .perCall: self = .perCall
        case .batched: self = .batched(size: try container.decodeIfPresent(Int.self, forKey: .batchSize))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .automatic: try container.encode(Mode.automatic, forKey: .mode)
        case .perCall: try container.encode(Mode.perCall, forKey: .mode)
        case .batched(let size):
            try container.encode(Mode.batched, forKey: .mode)
            try container.encodeIfPresent(size, forKey: .batchSize)
        }
    }
}
