import Foundation
import XCTest
@testable import Yardstick

final class BaselineStoreTests: XCTestCase {
    typealias F = JudgementFixtures
    private var directory: URL!
    private var store: BaselineStore!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
        store = BaselineStore(directory: directory, historyLimit: 3)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func run(_ names: [String], median: Double = 100) -> RunResults {
        F.run(names.map { F.benchmark($0, processes: [[median, median + 1, median + 2]]) })
    }

    private func refusal(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "accepted"
        } catch {
            return String(describing: error)
        }
    }

    func testFirstUpdateWritesTheBaselineAndItsHistory() throws {
        let update = try store.update("default", with: run(["s.a", "s.b"]))
        XCTAssertNil(update.previous)
        XCTAssertNil(update.historyProblem)
        let loaded = try XCTUnwrap(try store.load("default"))
        XCTAssertEqual(loaded.benchmarks.map(\.name), ["s.a", "s.b"])
        let history = BaselineHistory.records(at: store.historyURL(for: "default"))
        XCTAssertEqual(history.count, 1)
        XCTAssertEqual(history[0].benchmarks["s.a"]?.processMedians, [101])
    }

    /// Raw samples and every round's percentiles stay in the run's results; the committed file
    /// keeps the round medians (see ``ResultsForm/compact``).
    func testTheBaselineIsWrittenCompact() throws {
        let results = run(["s.a"])
        XCTAssertFalse(results.benchmarks[0].samples.values.isEmpty)
        try store.update("default", with: results)
        let text = try String(contentsOf: store.url(for: "default"), encoding: .utf8)
        XCTAssertFalse(text.contains("\"values\""), "no raw samples")
        XCTAssertTrue(text.contains("\"medians\": [[100,101,102]]"), text)
        XCTAssertEqual(try store.load("default")?.benchmarks[0].roundMedians, [100, 101, 102])
    }

    func testAbsentBaselineLoadsAsNil() throws {
        XCTAssertNil(try store.load("nightly"))
    }

    func testJudgementIsNotBlessedIntoTheBaseline() throws {
        let results = run(["s.a"])
        let judged = directory.appendingPathComponent("judged.json")
        try ResultsFile.write(results, judgement: Judge().judge(results, against: nil, baselineName: ""), to: judged)
        XCTAssertNotNil(try ResultsFile.loadJudged(from: judged).judgement)
        try store.update("default", with: ResultsFile.load(from: judged))
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: store.url(for: "default"))) as? [String: Any]
        XCTAssertNotNil(stored?["benchmarks"])
        XCTAssertNil(stored?["judgement"])
    }

    func testRefusesADebugBuild() {
        var results = run(["s.a"])
        results.environment.buildConfiguration = .debug
        XCTAssertEqual(
            refusal { try store.update("default", with: results) },
            "refusing to update baseline 'default' from a debug build: its timings are not comparable; use swift run -c release bench"
        )
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.url(for: "default").path))
    }

    func testRefusesARunWithErrors() {
        let results = F.run([F.benchmark("s.a", processes: [[1, 2]]), F.benchmark("s.b", processes: [], failure: "boom")])
        XCTAssertEqual(
            refusal { try store.update("default", with: results) },
            "refusing to update baseline 'default': 1 benchmark ended in errors (s.b)"
        )
    }

    func testRefusesAPartialRunUnlessAllowedThenKeepsTheOldEntries() throws {
        try store.update("default", with: run(["s.a", "s.b", "s.c"], median: 100))
        XCTAssertEqual(
            refusal { try store.update("default", with: run(["s.a"], median: 200)) },
            "refusing to update baseline 'default': the run lacks 2 benchmarks it has (s.b, s.c); pass --allow-partial to keep them from the current baseline"
        )
        XCTAssertEqual(try store.load("default")?.benchmark(named: "s.a")?.roundMedians, [100, 101, 102], "unchanged after a refusal")

        let update = try store.update("default", with: run(["s.a"], median: 200), allowPartial: true)
        XCTAssertEqual(update.previous?.benchmarks.count, 3)
        let merged = try XCTUnwrap(try store.load("default"))
        XCTAssertEqual(merged.benchmarks.map(\.name), ["s.a", "s.b", "s.c"])
        XCTAssertEqual(merged.benchmark(named: "s.a")?.roundMedians, [200, 201, 202])
        XCTAssertEqual(merged.benchmark(named: "s.b")?.roundMedians, [100, 101, 102])
    }

    func testHistoryKeepsTheNewestRecords() throws {
        for median in [100.0, 200, 300, 400, 500] {
            try store.update("default", with: run(["s.a"], median: median))
        }
        let history = BaselineHistory.records(at: store.historyURL(for: "default"))
        XCTAssertEqual(history.map { $0.benchmarks["s.a"]?.p50 }, [301, 401, 501])
    }

    func testADamagedHistoryLineLosesOnlyThatLine() throws {
        for median in [100.0, 200, 300] {
            try store.update("default", with: run(["s.a"], median: median))
        }
        var bytes = try Data(contentsOf: store.historyURL(for: "default"))
        bytes[5] = 0xFF  // not UTF-8, inside the oldest line
        try bytes.write(to: store.historyURL(for: "default"))
        XCTAssertEqual(store.history(of: "default").map { $0.benchmarks["s.a"]?.p50 }, [201, 301])
        try store.update("default", with: run(["s.a"], median: 400))
        let lines = try Data(contentsOf: store.historyURL(for: "default")).split(separator: UInt8(ascii: "\n"))
        XCTAssertEqual(lines.count, 3, "the limit of 3 keeps the newest three lines, so the damaged oldest one goes")
        XCTAssertEqual(store.history(of: "default").map { $0.benchmarks["s.a"]?.p50 }, [201, 301, 401])
    }

    func testPartialUpdateRefusesToKeepBenchmarksFromAnotherEnvironment() throws {
        var other = run(["s.a", "s.b"])
        other.environment.cpuModel = "Other CPU"
        try store.update("default", with: other)
        XCTAssertEqual(
            refusal { try store.update("default", with: run(["s.a"]), allowPartial: true) },
            "refusing to update baseline 'default' partially: the benchmarks it would keep were measured in another environment "
                + "(cpuModel: 'Other CPU' in the baseline, 'Test CPU' now); update the whole baseline"
        )
    }

    func testInvalidNamesAreRefused() {
        for name in ["", ".hidden", "a/b", "../up", "with space"] {
            XCTAssertEqual(
                refusal { try BaselineStore.validate(name: name) },
                "invalid baseline name '\(name)': use letters, digits, '.', '_' and '-', not starting with '.'"
            )
        }
        XCTAssertEqual(refusal { try BaselineStore.validate(name: "nightly-2026.11_a") }, "accepted")
    }

    func testUnreadableBaselineNamesTheFileAndTheProblem() throws {
        try Data("{\"schemaVersion\": 1, \"tool\"".utf8).write(to: store.url(for: "default"))
        XCTAssertEqual(
            refusal { _ = try store.load("default") },
            "\(store.url(for: "default").relativePath): is not valid JSON (truncated or corrupted)"
        )
        XCTAssertEqual(
            refusal { try store.update("default", with: run(["s.a"])) },
            "\(store.url(for: "default").relativePath): is not valid JSON (truncated or corrupted)",
            "an update never overwrites a baseline it cannot read"
        )
        XCTAssertEqual(try String(contentsOf: store.url(for: "default"), encoding: .utf8), "{\"schemaVersion\": 1, \"tool\"")
    }

    func testFailedWriteLeavesTheOldBaselineIntact() throws {
        try store.update("default", with: run(["s.a"], median: 100))
        let before = try Data(contentsOf: store.url(for: "default"))
        // A directory where the temporary file must go makes the write fail before the rename.
        let temporary = directory.appendingPathComponent(".default.json.\(getpid()).tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        let message = refusal { try store.update("default", with: run(["s.a"], median: 900)) }
        XCTAssertEqual(message, "\(store.url(for: "default").relativePath): cannot be written (is a directory); the baseline is unchanged")
        XCTAssertEqual(try Data(contentsOf: store.url(for: "default")), before)
        XCTAssertEqual(BaselineHistory.records(at: store.historyURL(for: "default")).count, 1)
    }

    func testConcurrentUpdatesAreSerialisedByTheLock() async throws {
        let store = self.store!
        let names = (0..<8).map { "s.b\($0)" }
        await withTaskGroup(of: Void.self) { group in
            for (index, name) in names.enumerated() {
                group.addTask {
                    let results = JudgementFixtures.run([JudgementFixtures.benchmark(name, processes: [[Double(index), 1, 2]])])
                    _ = try? store.update("default", with: results, allowPartial: true)
                }
            }
        }
        // Every update merged with the one before it, under the lock: all eight are there.
        let merged = try XCTUnwrap(try store.load("default"))
        XCTAssertEqual(Set(merged.benchmarks.map(\.name)), Set(names))
        let historyLines = try String(contentsOf: store.historyURL(for: "default"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(historyLines.count, 3, "bounded to the history limit")
    }
}

/// Which baseline a choice resolves to: `default` when it exists, a named one that must exist,
/// or none.
final class BaselineResolutionTests: XCTestCase {
    private var directory: URL!
    private var store: BaselineStore!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
        store = BaselineStore(directory: directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func bless(_ name: String, _ benchmark: String) throws {
        try store.update(name, with: JudgementFixtures.run([JudgementFixtures.benchmark(benchmark, processes: [[100, 101, 102]])]))
    }

    private func failure(_ choice: BaselineChoice) -> BaselineError? {
        do {
            _ = try store.resolve(choice)
            return nil
        } catch {
            return error
        }
    }

    func testTheAutomaticChoiceIsDefaultWhenItExistsAndNothingBeforeTheFirstBaseline() throws {
        XCTAssertNil(try store.resolve(.automatic))
        try bless("default", "s.a")
        let loaded = try XCTUnwrap(try store.resolve(.automatic))
        XCTAssertEqual(loaded.name, "default")
        XCTAssertEqual(loaded.url, store.url(for: "default"))
        XCTAssertEqual(loaded.path, store.url(for: "default").relativePath)
        XCTAssertEqual(loaded.results.benchmarks.map(\.name), ["s.a"])
    }

    func testANamedBaselineMustExist() throws {
        let path = store.url(for: "nightly").relativePath
        XCTAssertEqual(failure(.named("nightly")), .notFound("nightly", path: path))
        XCTAssertEqual(failure(.named("nightly"))?.description, "no baseline named 'nightly': \(path) does not exist")
        try bless("nightly", "s.b")
        XCTAssertEqual(try store.resolve(.named("nightly"))?.results.benchmarks.map(\.name), ["s.b"])
    }

    func testNoBaselineIsNoneEvenWhenDefaultExists() throws {
        try bless("default", "s.a")
        XCTAssertNil(try store.resolve(.none))
    }

    func testAnInvalidNameOrAnUnreadableFileIsAnError() throws {
        XCTAssertEqual(failure(.named("../x")), .invalidName("../x"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{".utf8).write(to: store.url(for: "default"))
        guard case .unreadable = failure(.automatic) else { return XCTFail("an unreadable default must not read as no baseline") }
    }
}
