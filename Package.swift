// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Yardstick",
    products: [
        .library(name: "Yardstick", targets: ["Yardstick"]),
        .library(name: "ServerComponents", targets: ["ServerComponents"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    targets: [
        // The framework: definition, measurement, statistics, results and the `bench` command line.
        .target(name: "Yardstick", dependencies: ["CAllocationCounting"]),
        // Counts heap allocations, retains and releases per call: interposes malloc and free in
        // every executable that links Yardstick (see the comment at the top of its C file).
        .target(name: "CAllocationCounting", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The components under test: cache, rate limiting, logging, validation, database.
        .target(name: "ServerComponents", dependencies: ["CSQLite"]),
        // glibc's heap statistics (mallinfo2), for memory checks in tests.
        .target(name: "CHeapStatistics"),
        // SQLite's C API, from the system (`libsqlite3-dev` on Debian and Ubuntu).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        // The reference suites that `swift run -c release bench` runs.
        .target(name: "ReferenceBenchmarks", dependencies: ["Yardstick", "ServerComponents", "CSQLite"], path: "Benchmarks"),
        .executableTarget(name: "bench", dependencies: ["Yardstick", "ReferenceBenchmarks"]),
        .testTarget(name: "YardstickTests", dependencies: ["Yardstick", "LocalHTTPReceiver"], exclude: ["Reports/Golden", "Judgement/Levels", "Results/Shards", "Results/Recorded"]),
        .testTarget(name: "ServerComponentsTests", dependencies: ["ServerComponents", "CSQLite", "CHeapStatistics"]),
        // Suites that throw, run past their time limit or hang, for tests of real processes.
        .executableTarget(name: "YardstickFixtureBench", dependencies: ["Yardstick"], path: "Tests/FixtureBench"),
        // A local HTTP server that records what webhooks post, for the tests of both test targets.
        .target(name: "LocalHTTPReceiver", path: "Tests/LocalHTTPReceiver"),
        // Drives the real executables, so it depends on them to have them built.
        .testTarget(name: "BenchCommandTests", dependencies: ["Yardstick", "bench", "YardstickFixtureBench", "LocalHTTPReceiver"]),
    ],
    swiftLanguageModes: [.v6]
)
