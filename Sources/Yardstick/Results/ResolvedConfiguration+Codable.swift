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
extension ResolvedConfiguration: Codable {
    private enum CodingKeys: String, CodingKey {
        case warmupIterations, iterations, rounds, timeLimitSeconds, throughput, timing, tags
        case tolerance, alpha, gates, budgets, isControl
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warmupIterations = try container.decode(Int.self, forKey: .warmupIterations)
        iterations = try container.decode(Int.self, forKey: .iterations)
        rounds = try container.decode(Int.self, forKey: .rounds)
        let seconds = try container.decode(Double.self, forKey: .timeLimitSeconds)
        guard let nanoseconds = Int64(exactly: (seconds * 1e9).rounded()) else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeLimitSeconds, in: container,
                debugDescription: "\(seconds) seconds is not a representable time limit"
            )
        }
        timeLimit = .nanoseconds(nanoseconds)
        throughput = try container.decode(Throughput.self, forKey: .throughput)
        timing = try container.decode(TimingMode.self, forKey: .timing)
        tags = try container.decode([String].self, forKey: .tags)
        tolerance = try container.decode(Tolerance.self, forKey: .tolerance)
        alpha = try container.decode(Double.self, forKey: .alpha)
        gates = try container.decode([Gate].self, forKey: .gates)
        budgets = try container.decode([Budget].self, forKey: .budgets)
        isControl = try container.decodeIfPresent(Bool.self, forKey: .isControl) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(warmupIterations, forKey: .warmupIterations)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(rounds, forKey: .rounds)
        try container.encode(Double(timeLimit.nanoseconds) / 1e9, forKey: .timeLimitSeconds)
        try container.encode(throughput, forKey: .throughput)
        try container.encode(timing, forKey: .timing)
        try container.encode(tags, forKey: .tags)
        try container.encode(tolerance, forKey: .tolerance)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(gates, forKey: .gates)
        try container.encode(budgets, forKey: .budgets)
        try container.encode(isControl, forKey: .isControl)
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
