import Foundation
import XCTest

/// Runs one of the package's executables as a real process and captures what it did.
struct ProcessResult {
    var status: Int32
    var output: String
    var error: String
}

enum Executable: String {
    case bench
    case fixtureBench = "YardstickFixtureBench"

    /// The executable beside the test bundle, in the build's products directory.
    var url: URL { Bundle.main.bundleURL.appendingPathComponent(rawValue) }

    /// Runs the executable with `arguments` in `directory`: by default a fresh empty directory,
    /// so that the package's own `baselines/` and `reports/` are neither read nor written.
    /// A debug executable measures itself rather than building and running its release build
    /// (`YARDSTICK_NO_RELEASE_HANDOFF`), so tests exercise the build they were compiled with.
    func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment
            .filter { $0.key != "GITHUB_STEP_SUMMARY" }
            .merging(["YARDSTICK_NO_RELEASE_HANDOFF": "1"]) { $1 }
            .merging(environment) { $1 }
        let workingDirectory = try directory ?? temporaryDirectory()
        defer { if directory == nil { try? FileManager.default.removeItem(at: workingDirectory) } }
        process.currentDirectoryURL = workingDirectory
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The last line a process wrote to standard error.
func lastLine(_ text: String) -> String {
    text.split(separator: "\n").last.map(String.init) ?? ""
}
