import Foundation
import Synchronization
import XCTest
@testable import Yardstick

/// A debug `bench` asked to measure builds its release build and hands over to it.
final class ReleaseHandoffTests: XCTestCase {
    private static let path = "/usr/bin:/opt/swift/usr/bin"

    /// A handoff of a debug build in a file system holding exactly `files`.
    private func handoff(
        executable: String = "/home/me/app/.build/debug/bench",
        _ arguments: [String] = [],
        files: Set<String> = ["/home/me/app/Package.swift", "/opt/swift/usr/bin/swift"],
        environment: [String: String] = ["PATH": path],
        configuration: BuildConfiguration = .debug
    ) -> ReleaseHandoff {
        ReleaseHandoff(executablePath: executable, arguments: arguments, environment: environment, configuration: configuration, fileExists: files.contains)
    }

    private func handOver(root: String = "/home/me/app", product: String = "bench", _ arguments: [String] = []) -> ReleaseHandoff.Decision {
        .handOver(.init(packageRoot: root, product: product, swift: "/opt/swift/usr/bin/swift", arguments: arguments))
    }

    // MARK: Deciding

    func testFindsThePackageAboveTheDebugDirectory() {
        XCTAssertEqual(handoff().decide(), handOver())
    }

    func testFindsThePackageAboveATripleDebugDirectory() {
        let decision = handoff(executable: "/home/me/app/.build/x86_64-unknown-linux-gnu/debug/bench", ["-f", "harness\\."]).decide()
        XCTAssertEqual(decision, handOver(["-f", "harness\\."]))
    }

    func testTheProductIsTheExecutablesName() {
        let decision = handoff(executable: "/home/me/app/.build/debug/benchmarks", ["run"]).decide()
        XCTAssertEqual(decision, handOver(product: "benchmarks", ["run"]))
    }

    func testTheInnermostBuildDirectoryWithAPackageWins() {
        let files: Set<String> = ["/ci/.build/checkouts/app/Package.swift", "/ci/Package.swift", "/opt/swift/usr/bin/swift"]
        let decision = handoff(executable: "/ci/.build/checkouts/app/.build/debug/bench", files: files).decide()
        XCTAssertEqual(decision, handOver(root: "/ci/.build/checkouts/app"))
    }

    func testWithoutAPackageItSaysWhatToTypeAndMeasuresInDebug() {
        let decision = handoff(executable: "/usr/local/bin/bench", ["-f", "cache\\..*", "--rounds", "3"]).decide()
        XCTAssertEqual(decision, .measureInDebug(hint: "bench: this debug build is not in a package's .build directory, so it cannot build its release build; "
            + "to measure release, type in the package: swift run -c release bench -f 'cache\\..*' --rounds 3"))
    }

    func testABuildDirectoryWithoutPackageSwiftIsNoPackage() {
        let decision = handoff(files: ["/opt/swift/usr/bin/swift"]).decide()
        guard case .measureInDebug(let hint?) = decision else { return XCTFail("\(decision)") }
        XCTAssertTrue(hint.hasSuffix("type in the package: swift run -c release bench"), hint)
    }

    func testWithoutSwiftOnPathItSaysWhatToTypeAndMeasuresInDebug() {
        let decision = handoff(["monitor"], environment: ["PATH": "/usr/bin"]).decide()
        XCTAssertEqual(decision, .measureInDebug(hint: "bench: no swift on PATH to build the release build of this debug build; "
            + "to measure release, type: swift run -c release bench monitor"))
    }

    func testAllowDebugMeasuresInDebugSilently() {
        XCTAssertEqual(handoff(["--allow-debug"]).decide(), .measureInDebug(hint: nil))
        XCTAssertEqual(handoff(["monitor", "--allow-debug"]).decide(), .measureInDebug(hint: nil))
        XCTAssertEqual(handoff(["baseline", "update", "--allow-debug"]).decide(), .measureInDebug(hint: nil))
    }

    func testTheGuardVariableStopsALoop() {
        let guarded = handoff(environment: ["PATH": Self.path, ReleaseHandoff.guardVariable: "1"])
        XCTAssertEqual(guarded.decide(), .measureInDebug(hint: nil))
        let empty = handoff(environment: ["PATH": Self.path, ReleaseHandoff.guardVariable: ""])
        XCTAssertEqual(empty.decide(), handOver(), "an empty variable counts as unset")
    }

    func testEveryMeasuringCommandHandsOver() {
        for arguments in [[], ["run"], ["-q"], ["monitor", "--count", "2"], ["baseline", "update"], ["baseline", "update", "--processes", "3"]] {
            XCTAssertEqual(handoff(arguments).decide(), handOver(arguments), "\(arguments)")
        }
    }

    func testCommandsThatMeasureNothingHereStay() {
        let stay: [[String]] = [
            ["list"], ["compare", "a.json", "b.json"], ["report", "--from", "r.json"], ["help"], ["--help"], ["run", "--help"],
            ["--version"], ["ab", "--base-ref", "HEAD"], ["baseline", "update", "--from", "r.json"],
            ["--rounds", "zero"], ["no-such-command"],
        ]
        for arguments in stay {
            XCTAssertEqual(handoff(arguments).decide(), .proceed, "\(arguments)")
        }
    }

    func testAReleaseBuildNeverHandsOver() {
        XCTAssertEqual(handoff(configuration: .release).decide(), .proceed)
        XCTAssertEqual(handoff(executable: "/home/me/app/.build/release/bench", configuration: .release).decide(), .proceed)
    }

    // MARK: Performing

    func testHandingOverBuildsFindsTheBinaryAndReplacesTheProcessWithTheSameArguments() {
        let arguments = ["-f", "harness\\.", "--rounds", "3"]
        let handoff = handoff(arguments, files: ["/home/me/app/Package.swift", "/opt/swift/usr/bin/swift", "/home/me/app/.build/x86_64/release/bench"])
        let system = FakeHandoffSystem(binPath: "/home/me/app/.build/x86_64/release\n")
        let captured = CapturedConsole()
        let code = handoff.perform(handoff.decide(), with: system, console: captured.console())
        XCTAssertEqual(system.calls, [
            "show /opt/swift/usr/bin/swift build -c release --product bench --package-path /home/me/app",
            "capture /opt/swift/usr/bin/swift build -c release --show-bin-path --package-path /home/me/app",
            "setenv YARDSTICK_NO_RELEASE_HANDOFF=1",
            "exec /home/me/app/.build/x86_64/release/bench -f harness\\. --rounds 3",
        ])
        XCTAssertEqual(captured.error.split(separator: "\n").first.map(String.init), ReleaseHandoff.announcement)
        // The fake's exec returns, as a failed execv does.
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(captured.error.split(separator: "\n").count, 2, captured.error)
    }

    func testAFailedReleaseBuildExitsTwoWithOneLine() {
        let handoff = handoff(["-f", "cache"])
        let system = FakeHandoffSystem(build: .exited(1))
        let captured = CapturedConsole()
        let code = handoff.perform(handoff.decide(), with: system, console: captured.console())
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(system.calls.count, 1, "no bin path, no exec after a failed build")
        XCTAssertEqual(captured.error, ReleaseHandoff.announcement + "\n"
            + "bench: error: the release build failed (swift build ended with exit code 1; its errors are above); "
            + "to measure this debug build instead, type: swift run bench -f cache --allow-debug\n")
    }

    func testABinaryMissingAfterTheBuildIsAnError() {
        let handoff = handoff()
        let system = FakeHandoffSystem(binPath: "/elsewhere\n")
        let captured = CapturedConsole()
        XCTAssertEqual(handoff.perform(handoff.decide(), with: system, console: captured.console()), .usageError)
        XCTAssertFalse(system.calls.contains { $0.hasPrefix("exec") })
        XCTAssertTrue(captured.error.contains("bench: error: the release build is not where swift build says it is: /elsewhere/bench does not exist"), captured.error)
    }

    func testMeasuringInDebugPrintsTheHintAndKeepsChildProcessesInThisBuild() {
        let system = FakeHandoffSystem()
        let captured = CapturedConsole()
        XCTAssertNil(handoff().perform(.measureInDebug(hint: "bench: type this"), with: system, console: captured.console()))
        XCTAssertEqual(captured.error, "bench: type this\n")
        XCTAssertEqual(system.calls, ["setenv YARDSTICK_NO_RELEASE_HANDOFF=1"])
    }

    func testProceedingDoesNothing() {
        let system = FakeHandoffSystem()
        let captured = CapturedConsole()
        XCTAssertNil(handoff().perform(.proceed, with: system, console: captured.console()))
        XCTAssertEqual(system.calls, [])
        XCTAssertEqual(captured.error, "")
    }

    func testShellCommandsQuoteWhatTheShellWouldRead() {
        XCTAssertEqual(Formatting.shellCommand(["bench", "-f", "^cache\\.", "--tolerance", "5%", "it's", ""]), "bench -f '^cache\\.' --tolerance 5% 'it'\\''s' ''")
    }
}

/// Records the operations a handoff performs; `swift build` ends with `build`, and
/// `--show-bin-path` prints `binPath`.
private final class FakeHandoffSystem: ReleaseHandoffSystem, Sendable {
    private let recorded = Mutex<[String]>([])
    private let build: ChildProcess.Termination
    private let binPath: String

    init(build: ChildProcess.Termination = .exited(0), binPath: String = "") {
        self.build = build
        self.binPath = binPath
    }

    var calls: [String] { recorded.withLock { $0 } }

    func runShowingProgress(_ executable: String, _ arguments: [String]) throws -> ChildProcess.Termination {
        recorded.withLock { $0.append((["show", executable] + arguments).joined(separator: " ")) }
        return build
    }

    func runCapturingOutput(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
        recorded.withLock { $0.append((["capture", executable] + arguments).joined(separator: " ")) }
        return ChildProcess(termination: .exited(0), output: Data(binPath.utf8), error: Data())
    }

    func setEnvironment(_ name: String, to value: String) {
        recorded.withLock { $0.append("setenv \(name)=\(value)") }
    }

    func replaceProcess(with executable: String, arguments: [String]) -> String {
        recorded.withLock { $0.append((["exec", executable] + arguments).joined(separator: " ")) }
        return "the fake cannot replace a process"
    }
}
