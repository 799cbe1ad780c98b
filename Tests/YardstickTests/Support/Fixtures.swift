import Foundation
@testable import Yardstick

/// Fixed results for tests of files and reports: two benchmarks with known samples, one of them
/// failed.
enum Fixtures {
    static let environment = EnvironmentFingerprint(
        cpuModel: "Test CPU", logicalCores: 2, memoryBytes: 8 << 30, operatingSystem: "Test OS 1",
        kernel: "6.1.0", swiftVersion: "6.3", buildConfiguration: .release, gitCommit: "abc123"
    )

    static func measurement() -> RunMeasurement {
        let configuration = BenchmarkConfiguration(iterations: 4, rounds: 2, throughput: .bytes(64)).resolved()
        return RunMeasurement(
            startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            finishedAt: Date(timeIntervalSince1970: 1_800_000_012),
            clockCalibration: ClockCalibration(overheadNanoseconds: 25),
            benchmarks: [
                BenchmarkMeasurement(
                    name: "codec.encode", suite: "codec", configuration: configuration,
                    timing: TimingPlan(batchSize: 1, clockOverheadNanoseconds: 25),
                    rounds: [
                        RoundMeasurement(samples: [100, 110, 120, 130], iterations: 4, cpuNanoseconds: 480),
                        RoundMeasurement(samples: [200, 210, 220, 230], iterations: 4, cpuNanoseconds: 880),
                    ]
                ),
                BenchmarkMeasurement(
                    name: "codec.decode", suite: "codec", configuration: configuration,
                    timing: nil, rounds: [],
                    failure: BenchmarkFailure(.setUp, "set-up threw: no input")
                ),
            ]
        )
    }

    static func results() -> RunResults {
        RunResults(measurement: measurement(), environment: environment)
    }

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yardstick-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
