// swift-tools-version:6.0
import PackageDescription

// A package that uses Yardstick the way any other package would: a dependency by path (by URL
// and version in real life), its own code under test, and a `benchmarks` executable whose
// `main.swift` hands its suites to Yardstick's command line.
let package = Package(
    name: "Downstream",
    dependencies: [
        .package(name: "Yardstick", path: "../.."),
    ],
    targets: [
        .target(name: "Slug"),
        // Named `benchmarks`, not `bench`: target names must be unique across a package graph,
        // and Yardstick's own executable target is called `bench`.
        .executableTarget(name: "benchmarks", dependencies: ["Slug", .product(name: "Yardstick", package: "Yardstick")], path: "Benchmarks"),
    ],
    swiftLanguageModes: [.v6]
)
