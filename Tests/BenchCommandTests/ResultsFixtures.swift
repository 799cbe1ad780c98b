import Foundation
@testable import Yardstick

/// A run of one benchmark with the given round medians (one process), on
/// ``fixtureEnvironment``: a small results file for the commands that read one.
func fixtureRun(_ medians: [Double], name: String = "s.b", environment: EnvironmentFingerprint? = nil, failed: Bool = false) -> RunResults {
    let configuration = BenchmarkConfiguration().resolved()
    let rounds = failed ? [] : medians.map { RoundRecord(RoundMeasurement(samples: [$0], iterations: 1, cpuNanoseconds: nil))! }
    let benchmark = BenchmarkResult(
        name: name, suite: "s", configuration: configuration,
        failure: failed ? .init(kind: .body, message: "boom") : nil,
        batchSize: failed ? nil : 1, rounds: rounds, samples: failed ? [] : medians, sampleCap: 1_000
    )
    let measurement = RunMeasurement(
        startedAt: Date(timeIntervalSince1970: 1_800_000_000), finishedAt: Date(timeIntervalSince1970: 1_800_000_010),
        clockCalibration: ClockCalibration(overheadNanoseconds: 25), benchmarks: []
    )
    var run = RunResults(measurement: measurement, environment: environment ?? fixtureEnvironment)
    run.benchmarks = [benchmark]
    return run
}

/// A fixed release environment, so that two fixture runs are comparable.
let fixtureEnvironment = EnvironmentFingerprint(
    cpuModel: "CI CPU", logicalCores: 2, memoryBytes: 1 << 33, operatingSystem: "CI OS",
    kernel: "6.1", swiftVersion: "6.3", buildConfiguration: .release, gitCommit: nil
)

/// Ten round medians around 100 ns, within 2% of each other.
let steadyMedians: [Double] = [100, 101, 100, 102, 101, 100, 99, 101, 100, 102]
