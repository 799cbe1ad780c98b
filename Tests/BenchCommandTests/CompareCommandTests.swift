import Foundation
import XCTest
@testable import Yardstick

/// `bench compare` as a script uses it, through the real executable: what it writes with and
/// without `--output`, and the judging flags it shares with `run`.
final class CompareCommandTests: XCTestCase {
    private var directory: URL!
    private var old: String!
    private var new: String!

    /// OLD is steady around 100.5 ns; NEW is the same rounds 30% slower, a regression.
    override func setUpWithError() throws {
        directory = try temporaryDirectory()
        old = directory.appendingPathComponent("old.json").path
        new = directory.appendingPathComponent("new.json").path
        try ResultsFile.write(fixtureRun(steadyMedians), to: URL(fileURLWithPath: old))
        try ResultsFile.write(fixtureRun(steadyMedians.map { $0 * 1.3 }), to: URL(fileURLWithPath: new))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func judged(in output: URL) throws -> BenchmarkJudgement? {
        try ResultsFile.loadJudged(from: output.appendingPathComponent("results.json")).judgement?.benchmarks.first
    }

    func testOutputGetsTheJudgedResultsAtFullPrecisionAndEveryReport() throws {
        let output = directory.appendingPathComponent("out")
        let result = try Executable.bench.run(["compare", old, new, "--output", output.path])
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.output.contains("131 ns"), "the table rounds to 3 figures: " + result.output)
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        XCTAssertEqual(files, ["junit.xml", "metrics.prom", "report.html", "report.md", "results.json"])

        let judged = try ResultsFile.loadJudged(from: output.appendingPathComponent("results.json"))
        let (written, writtenJudgement) = (judged.results, judged.judgement)
        XCTAssertEqual(written.benchmarks.map(\.name), ["s.b"])
        let source = try ResultsFile.load(from: URL(fileURLWithPath: new))
        XCTAssertEqual(written.benchmarks.map(\.roundMedians), source.benchmarks.map(\.roundMedians), "NEW's results, as they were")
        XCTAssertEqual(written.benchmarks.map(\.samples), source.benchmarks.map(\.samples))
        XCTAssertEqual(writtenJudgement?.baseline?.name, old)
        let judgement = try XCTUnwrap(writtenJudgement?.benchmarks.first)
        XCTAssertEqual(judgement.verdict, .regressed)
        XCTAssertEqual(try XCTUnwrap(judgement.median).currentNanoseconds, 100.5 * 1.3, accuracy: 1e-9)

        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("## Benchmarks: FAIL\n"), markdown)
        let junit = try String(contentsOf: output.appendingPathComponent("junit.xml"), encoding: .utf8)
        XCTAssertTrue(junit.contains("<failure type=\"regressed\""), junit)
        let metrics = try String(contentsOf: output.appendingPathComponent("metrics.prom"), encoding: .utf8)
        XCTAssertTrue(metrics.contains("yardstick_benchmark_regressed{benchmark=\"s.b\",suite=\"s\"} 1"), metrics)
    }

    func testAHugeToleranceTurnsTheRegressionIntoAPass() throws {
        let output = directory.appendingPathComponent("out")
        let result = try Executable.bench.run(["compare", old, new, "--tolerance", "50%", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.output + result.error)
        XCTAssertTrue(result.output.contains("\npass: 1 unchanged"), result.output)
        XCTAssertEqual(try judged(in: output)?.verdict, .unchanged)
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("## Benchmarks: PASS\n"), markdown)
    }

    func testAnAlphaTenRoundsCannotMeetIsIncomparableWhichAllowIncomparablePasses() throws {
        let strict = try Executable.bench.run(["compare", old, new, "--alpha", "1e-9"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.output.contains("\nFAIL (1): 1 incomparable"), strict.output)
        let allowed = try Executable.bench.run(["compare", old, new, "--alpha", "1e-9", "--allow-incomparable"])
        XCTAssertEqual(allowed.status, 0, allowed.output + allowed.error)
        XCTAssertTrue(allowed.output.contains("\npass: 1 incomparable"), allowed.output)
    }

    func testABadJudgingValueIsOneLineAndExitCodeTwo() throws {
        let result = try Executable.bench.run(["compare", old, new, "--tolerance", "fast"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "bench: error: --tolerance expects a percentage such as 8% or a duration such as 2us, got 'fast'\n")
    }

    func testWithoutOutputNothingIsWritten() throws {
        let result = try Executable.bench.run(["compare", old, new], in: directory)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["new.json", "old.json"])
    }

    func testAnOutputThatCannotBeWrittenIsOneLineAndExitCodeTwo() throws {
        let output = URL(fileURLWithPath: old).appendingPathComponent("reports")
        let result = try Executable.bench.run(["compare", old, new, "--output", output.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.hasPrefix("bench: error: \(output.path)/results.json: cannot be written ("), result.error)
        XCTAssertEqual(result.error.filter { $0 == "\n" }.count, 1, result.error)
        XCTAssertEqual(result.output, "", "no verdicts when the reports could not be written")
    }
}
