import Foundation

/// A benchmark's JSON in either ``ResultsForm``: the encoder's `userInfo` chooses the form
/// written; both are read.
extension BenchmarkResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, suite, configuration, failure, batchSize, summary, cpuNanosecondsPerCall, throughput
        case rounds, dispersion, samples, elapsedSeconds, counts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        suite = try container.decode(String.self, forKey: .suite)
        configuration = try container.decode(ResolvedConfiguration.self, forKey: .configuration)
        failure = try container.decodeIfPresent(Failure.self, forKey: .failure)
        batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize)
        summary = try container.decodeIfPresent(Summary.self, forKey: .summary)
        cpuNanosecondsPerCall = try container.decodeIfPresent(Double.self, forKey: .cpuNanosecondsPerCall)
        // Derived from the summary, so a compact file leaves it out when it is.
        throughput = try container.decodeIfPresent(ThroughputFigure.self, forKey: .throughput)
            ?? Self.throughput(configuration, summary)
        samples = try container.decode(RecordedSamples.self, forKey: .samples)
        elapsedSeconds = try container.decodeIfPresent(Double.self, forKey: .elapsedSeconds)
        // An object where the full form has an array is the compact form's columns.
        if (try? container.nestedContainer(keyedBy: CodingKeys.self, forKey: .rounds)) != nil {
            rounds = try container.decode(RoundColumns.self, forKey: .rounds)
                .records(codingPath: container.codingPath + [CodingKeys.rounds])
        } else {
            rounds = try container.decode([RoundRecord].self, forKey: .rounds)
        }
        if (try? container.nestedContainer(keyedBy: CodingKeys.self, forKey: .counts)) != nil {
            counts = try container.decode(CountColumns.self, forKey: .counts).counts(
                roundProcesses: Set(rounds.map(\.process)).sorted(), codingPath: container.codingPath + [CodingKeys.counts]
            )
        } else {
            counts = try container.decodeIfPresent([AllocationCounts].self, forKey: .counts)
        }
        // Derived from the medians, so a compact file leaves it out.
        dispersion = try container.decodeIfPresent(RoundDispersion.self, forKey: .dispersion)
            ?? Sample(rounds.map(\.median)).flatMap(RoundDispersion.init(of:))
    }

    /// The throughput a configuration and a summary's median give, as measuring computes it.
    private static func throughput(_ configuration: ResolvedConfiguration, _ summary: Summary?) -> ThroughputFigure? {
        summary.flatMap { ThroughputFigure(configuration.throughput, nanosecondsPerCall: $0.percentiles.p50) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(suite, forKey: .suite)
        try container.encode(configuration, forKey: .configuration)
        try container.encodeIfPresent(failure, forKey: .failure)
        try container.encodeIfPresent(batchSize, forKey: .batchSize)
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encodeIfPresent(cpuNanosecondsPerCall, forKey: .cpuNanosecondsPerCall)
        if encoder.resultsForm == .full || throughput != Self.throughput(configuration, summary) {
            try container.encodeIfPresent(throughput, forKey: .throughput)
        }
        try container.encode(samples, forKey: .samples)
        try container.encodeIfPresent(elapsedSeconds, forKey: .elapsedSeconds)
        switch encoder.resultsForm {
        case .full:
            try container.encode(rounds, forKey: .rounds)
            try container.encodeIfPresent(dispersion, forKey: .dispersion)
            try container.encodeIfPresent(counts, forKey: .counts)
        case .compact:
            try container.encode(RoundColumns(rounds, keepingWhat: configuration), forKey: .rounds)
            let processes = Set(rounds.map(\.process)).sorted()
            try container.encodeIfPresent(counts.map { CountColumns($0, roundProcesses: processes) }, forKey: .counts)
        }
    }
}

/// A round holds `percentiles` when it kept them, otherwise `median`; both are read.
extension RoundRecord: Codable {
    private enum CodingKeys: String, CodingKey {
        case median, percentiles, iterations, samples, cpuNanosecondsPerCall, process
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let percentiles = try container.decodeIfPresent(Percentiles.self, forKey: .percentiles)
        self.percentiles = percentiles
        median = try percentiles?.p50 ?? container.decode(Double.self, forKey: .median)
        iterations = try container.decode(Int.self, forKey: .iterations)
        samples = try container.decode(Int.self, forKey: .samples)
        cpuNanosecondsPerCall = try container.decodeIfPresent(Double.self, forKey: .cpuNanosecondsPerCall)
        process = try container.decode(Int.self, forKey: .process)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let percentiles {
            try container.encode(percentiles, forKey: .percentiles)
        } else {
            try container.encode(median, forKey: .median)
        }
        try container.encode(iterations, forKey: .iterations)
        try container.encode(samples, forKey: .samples)
        try container.encodeIfPresent(cpuNanosecondsPerCall, forKey: .cpuNanosecondsPerCall)
        try container.encode(process, forKey: .process)
    }
}

/// The compact form writes no sample values; a file without them reads as none.
extension RecordedSamples: Codable {
    private enum CodingKeys: String, CodingKey {
        case values, total, cap
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decodeIfPresent([Double].self, forKey: .values) ?? []
        total = try container.decode(Int.self, forKey: .total)
        cap = try container.decode(Int.self, forKey: .cap)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if encoder.resultsForm == .full { try container.encode(values, forKey: .values) }
        try container.encode(total, forKey: .total)
        try container.encode(cap, forKey: .cap)
    }
}
