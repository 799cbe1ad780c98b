import Foundation
import XCTest
@testable import Yardstick

/// `bench ab` through the real fixture executable: every way a base can be unusable exits 2
/// with one line, and a comparison of two executables writes side-by-side reports.
final class ABCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var fixture: String { Executable.fixtureBench.url.path }

    /// A git repository in `directory/name` holding `files`, committed.
    private func repository(_ name: String, files: [String: String]) throws -> URL {
        let root = directory.appendingPathComponent(name)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one"]] {
            let git = try ChildProcess.run(tool: "git", ["-C", root.path] + arguments)
            XCTAssertTrue(git.termination.isSuccess, String(decoding: git.error, as: UTF8.self))
        }
        return root
    }

    func testOutsideAGitCheckoutABaseRevisionCannotBeBuilt() throws {
        let result = try Executable.fixtureBench.run(["ab", "--base-ref", "HEAD", "--package-path", directory.path, "-q"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            lastLine(result.error),
            "bench: error: \(directory.standardizedFileURL.path) is not in a git checkout, so --base-ref cannot be built; give --base-executable instead"
        )
    }

    func testAnUnknownRevisionIsNamed() throws {
        let root = try repository("package", files: ["README": "x\n"])
        let result = try Executable.fixtureBench.run(["ab", "--base-ref", "no-such-branch", "--package-path", root.path, "-q"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(lastLine(result.error).hasPrefix("bench: error: unknown revision 'no-such-branch' in "), result.error)
    }

    func testABaseThatDoesNotBuildGivesTheCompilersFirstError() throws {
        let root = try repository("broken", files: [
            "Package.swift": """
                // swift-tools-version:6.0
                import PackageDescription
                let package = Package(name: "Broken", targets: [.executableTarget(name: "YardstickFixtureBench", path: "Sources")])

                """,
            "Sources/main.swift": "let x: Int = \"not a number\"\n",
        ])
        let result = try Executable.fixtureBench.run(["ab", "--base-ref", "HEAD", "--package-path", root.path, "--head-executable", fixture, "-q"])
        XCTAssertEqual(result.status, 2)
        let line = lastLine(result.error)
        XCTAssertTrue(line.hasPrefix("bench: error: the base HEAD ("), line)
        XCTAssertTrue(line.contains(") does not build: "), line)
        XCTAssertTrue(line.contains("error: cannot convert value of type 'String' to specified type 'Int'"), line)
        XCTAssertTrue(line.hasSuffix("/build.log)"), line)
    }

    /// An executable script of `lines` in the test's directory.
    private func script(_ name: String, _ lines: [String]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try (["#!/bin/sh"] + lines + [""]).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    func testABaseThatIsNotABenchExecutableIsRefused() throws {
        let other = try script("other-tool", ["echo 'other-tool 2.1'", "echo 'Copyright nobody'", "exit 0"])
        let result = try Executable.fixtureBench.run(["ab", "--base-executable", other.path, "--head-executable", fixture, "-q"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            lastLine(result.error),
            "bench: error: the base executable (\(other.path)) refused to measure: it is not a Yardstick bench executable "
                + "(asked for --version, it printed 'other-tool 2.1')"
        )
        let silent = try Executable.fixtureBench.run(["ab", "--base-executable", fixture, "--head-executable", "/bin/true", "-q"])
        XCTAssertEqual(silent.status, 2)
        XCTAssertTrue(lastLine(silent.error).hasPrefix("bench: error: the head executable (/bin/true) refused to measure: "), silent.error)
    }

    func testABaseTooOldForTheRunInterfaceIsRefusedWithItsOwnReason() throws {
        let old = try script("old-bench", [
            "if [ \"$1\" = \"--version\" ]; then echo 'bench (Yardstick) 0.0.1'; exit 0; fi",
            "echo \"bench: error: unknown option '--sample-cap' for 'bench run'\" >&2",
            "exit 2",
        ])
        let result = try Executable.fixtureBench.run(["ab", "--base-executable", old.path, "--head-executable", fixture, "-q", "--processes", "2", "-f", "quick"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(
            lastLine(result.error).hasSuffix("(\(old.path)) refused to measure: unknown option '--sample-cap' for 'bench run'"),
            result.error
        )
    }

    func testTwoExecutablesAreComparedSideBySide() throws {
        let output = directory.appendingPathComponent("reports")
        let result = try Executable.fixtureBench.run([
            "ab", "--base-executable", fixture, "--head-executable", fixture, "-f", "steady",
            "--processes", "6", "--seed", "3", "--output", output.path, "-q",
        ])
        XCTAssertEqual(result.status, 0, result.output + result.error)
        XCTAssertTrue(result.output.contains("; 6 + 6 processes, alternating (seed 3)"), result.output)
        let judged = try ResultsFile.loadJudged(from: output.appendingPathComponent("results.json"))
        let (head, headJudgement) = (judged.results, judged.judgement)
        let base = try ResultsFile.load(from: output.appendingPathComponent("base.json"))
        XCTAssertEqual(head.processes, 6)
        XCTAssertEqual(base.processes, 6)
        XCTAssertEqual(headJudgement?.ab?.schedule, ABSchedule(processesPerSide: 6, seed: 3))
        XCTAssertEqual(headJudgement?.ab?.base.isLayoutControlled, false)
        let comparison = try XCTUnwrap(headJudgement?.benchmarks.first?.median)
        XCTAssertEqual(comparison.processEstimates?.base.count, 6)
        XCTAssertEqual(comparison.processEstimates?.head.count, 6)
        XCTAssertTrue(headJudgement?.warnings.contains { $0.text.contains("code layout is not controlled") } ?? false)
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| benchmark | base p50 | head p50 |"), markdown)
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Per-process values: fixture.steady"), "the HTML draws every process")

        let again = directory.appendingPathComponent("again")
        let report = try Executable.fixtureBench.run(["report", "--from", output.appendingPathComponent("results.json").path, "--output", again.path])
        XCTAssertEqual(report.status, 0, report.error)
        XCTAssertEqual(report.error, "", "the base beside the results is found again")
    }

    func testOneProcessASideIsAUsageError() throws {
        let result = try Executable.fixtureBench.run(["ab", "--base-executable", fixture, "--processes", "1"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(lastLine(result.error), "bench: error: --processes expects at least 2 per side: the process is what bench ab compares")
    }
}
