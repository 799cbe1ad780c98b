import Foundation

/// A run's results, as written to `results.json`. A baseline is a blessed run in the same schema.
///
/// Times are in nanoseconds per call throughout.
public struct RunResults: Sendable, Codable {
    /// The schema this library writes and reads. A file with another version is refused with a
    /// message that says so, never misread.
    public static let currentSchemaVersion = 1

    /// The file's schema version.
    public var schemaVersion: Int
    /// The program that wrote the file.
    public var tool: ToolInfo
    /// When the first process's set-up began.
    public var startedAt: Date
    /// When the last process finished.
    public var finishedAt: Date
    /// The machine and build measured on.
    public var environment: EnvironmentFingerprint
    /// The cost of an empty timing window, subtracted from every window.
    public var clockOverheadNanoseconds: Double
    /// How many processes measured these results.
    public var processes: Int
    /// One entry per benchmark that was selected, in run order.
    public var benchmarks: [BenchmarkResult]
    /// Which shard of which selection these results are, when the run was one shard of several
    /// (`--shard I/N`); `nil` for a whole run and for a merge of shards.
    public var shard: ShardRecord?

    /// Summarises a run's measurement.
    ///
    /// - Parameter sampleCap: The most raw samples kept per benchmark; statistics always use
    ///   every sample.
    public init(
        measurement: RunMeasurement,
        environment: EnvironmentFingerprint,
        sampleCap: Int = BenchmarkResult.defaultSampleCap
    ) {
        schemaVersion = Self.currentSchemaVersion
        tool = .current
        startedAt = measurement.startedAt
        finishedAt = measurement.finishedAt
        self.environment = environment
        clockOverheadNanoseconds = measurement.clockCalibration.overheadNanoseconds
        processes = 1
        benchmarks = measurement.benchmarks.map { BenchmarkResult($0, sampleCap: sampleCap) }
    }

    /// Results of the same benchmarks measured by several processes, as one run of
    /// `processes` processes: see ``BenchmarkResult/merging(_:sampleCap:)``. The environment and
    /// tool are the first part's; the clock overhead the median of the parts'.
    public static func merging(_ parts: [RunResults], sampleCap: Int = BenchmarkResult.defaultSampleCap) -> RunResults {
        precondition(!parts.isEmpty, "merging needs at least one run")
        var merged = parts[0]
        merged.startedAt = parts.map(\.startedAt).min()!
        merged.finishedAt = parts.map(\.finishedAt).max()!
        merged.clockOverheadNanoseconds = Sample(parts.map(\.clockOverheadNanoseconds))!.median
        merged.processes = parts.count
        var names: [String] = []
        for part in parts {
            for benchmark in part.benchmarks where !names.contains(benchmark.name) {
                names.append(benchmark.name)
            }
        }
        merged.benchmarks = names.map { name in
            let found = parts.enumerated().compactMap { index, part in part.benchmark(named: name).map { (index, $0) } }
            return BenchmarkResult.merging(found, sampleCap: sampleCap)
        }
        return merged
    }

    /// Each benchmark's wall time (``BenchmarkResult/elapsedSeconds``) by name, where the
    /// file recorded one: what shards of a later run are balanced by.
    public var recordedDurations: [String: Double] {
        Dictionary(benchmarks.compactMap { result in result.elapsedSeconds.map { (result.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The benchmark named `name`, if the run has it.
    public func benchmark(named name: String) -> BenchmarkResult? {
        benchmarks.first { $0.name == name }
    }

    /// Whether any benchmark ended in an error.
    public var hasErrors: Bool { benchmarks.contains { $0.failure != nil } }
}

/// The name and version of the program that wrote a results file.
public struct ToolInfo: Sendable, Hashable, Codable {
    /// `Yardstick`.
    public var name: String
    /// Its semantic version.
    public var version: String

    /// This library.
    public static let current = ToolInfo(name: "Yardstick", version: "0.1.0")
}
