import XCTest
@testable import Yardstick

final class ResultsFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func load(_ text: String) -> String {
        let url = directory.appendingPathComponent("results.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)))
        do {
            _ = try ResultsFile.load(from: url)
            return "loaded"
        } catch {
            return error.problem
        }
    }

    func testWrittenResultsReadBackUnchanged() throws {
        let url = directory.appendingPathComponent("nested/results.json")
        let results = Fixtures.results()
        try ResultsFile.write(results, to: url)
        let loaded = try ResultsFile.load(from: url)
        XCTAssertEqual(try ResultsFile.encode(loaded), try ResultsFile.encode(results))
        XCTAssertEqual(loaded.benchmarks.map(\.name), ["codec.encode", "codec.decode"])
        XCTAssertEqual(loaded.benchmarks[0].configuration, results.benchmarks[0].configuration)
        XCTAssertEqual(loaded.environment, Fixtures.environment)
        XCTAssertEqual(loaded.startedAt, Date(timeIntervalSince1970: 1_800_000_000))
    }

    func testLayoutParsesToTheSameValueAsCompactJSON() throws {
        let long = (1...40).map { "\($0 * 1_000)" }.joined(separator: ",")
        let compact = #"{"a":["# + long + #"],"b":{"c":"x,\"y\" {[","d":[]},"e":[{"f":true},{"g":null}],"h":{},"i":"# + #"{"j":[1,2],"k":"# + "\"" + String(repeating: "z", count: 190) + "\"" + #"}}"#
        let laidOut = JSONLayout.indent(Data(compact.utf8))
        let expected = try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? NSDictionary
        let actual = try JSONSerialization.jsonObject(with: laidOut) as? NSDictionary
        XCTAssertEqual(actual, expected)
        XCTAssertEqual(String(decoding: laidOut, as: UTF8.self), """
            {
              "a": [\(long)],
              "b": {"c": "x,\\"y\\" {[", "d": []},
              "e": [{"f": true}, {"g": null}],
              "h": {},
              "i": {
                "j": [1,2],
                "k": "\(String(repeating: "z", count: 190))"
              }
            }

            """)
    }

    func testTimestampsKeepMilliseconds() throws {
        var results = Fixtures.results()
        results.startedAt = Date(timeIntervalSince1970: 1_800_000_000.25)
        results.finishedAt = Date(timeIntervalSince1970: 1_800_000_000.75)
        let text = String(decoding: try ResultsFile.encode(results), as: UTF8.self)
        XCTAssertTrue(text.contains("\"startedAt\": \"2027-01-15T08:00:00.250Z\""), text)
        let loaded = try ResultsFile.decode(Data(text.utf8), from: URL(fileURLWithPath: "r.json"))
        XCTAssertEqual(loaded.finishedAt.timeIntervalSince(loaded.startedAt), 0.5, accuracy: 1e-6)
        let older = text.replacingOccurrences(of: "2027-01-15T08:00:00.250Z", with: "2027-01-15T08:00:00Z")
        XCTAssertEqual(try ResultsFile.decode(Data(older.utf8), from: URL(fileURLWithPath: "r.json")).startedAt, Date(timeIntervalSince1970: 1_800_000_000))
    }

    func testMissingFileIsNamed() {
        let url = directory.appendingPathComponent("absent.json")
        XCTAssertThrowsError(try ResultsFile.load(from: url)) { error in
            XCTAssertEqual((error as? ResultsFileError)?.description, "\(url.relativePath): cannot be read (no such file or directory)")
        }
    }

    func testEmptyFile() {
        XCTAssertEqual(load(""), "is empty")
    }

    func testTruncatedFile() throws {
        let full = String(decoding: try ResultsFile.encode(Fixtures.results()), as: UTF8.self)
        XCTAssertEqual(load(String(full.prefix(full.count / 2))), "is not valid JSON (truncated or corrupted)")
    }

    func testJSONThatIsNotAResultsFile() {
        XCTAssertEqual(load("[1, 2, 3]"), "is not a Yardstick results file (it has no schemaVersion)")
        XCTAssertEqual(load(#"{"name": "other tool"}"#), "is not a Yardstick results file (it has no schemaVersion)")
    }

    func testOtherSchemaVersionIsRefused() {
        XCTAssertEqual(load(#"{"schemaVersion": 99}"#), "has schema version 99; this bench reads version 1")
    }

    func testMissingFieldIsNamedWithItsPath() throws {
        var object = try jsonObject(Fixtures.results())
        object.removeValue(forKey: "environment")
        XCTAssertEqual(load(try text(object)), "lacks the field 'environment' in the top level")
    }

    func testWrongTypeIsNamedWithItsPath() throws {
        var object = try jsonObject(Fixtures.results())
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        var rounds = benchmarks[0]["rounds"] as! [[String: Any]]
        var percentiles = rounds[1]["percentiles"] as! [String: Any]
        percentiles["p50"] = "fast"
        rounds[1]["percentiles"] = percentiles
        benchmarks[0]["rounds"] = rounds
        object["benchmarks"] = benchmarks
        let problem = load(try text(object))
        XCTAssertTrue(problem.hasPrefix("has a value of the wrong type at benchmarks[0].rounds[1].percentiles.p50"), problem)
    }

    /// Every kind is written as the string files have always held, and reads back as itself.
    func testFailureKindsAreWrittenAsTheirNamesAndReadBack() throws {
        let names = ["suite-set-up", "set-up", "body", "time-limit", "tear-down", "timing"]
        XCTAssertEqual(BenchmarkFailure.Kind.allCases.map(\.rawValue), names)
        for kind in BenchmarkFailure.Kind.allCases {
            var results = Fixtures.results()
            results.benchmarks[1].failure = BenchmarkResult.Failure(kind: kind, message: "m")
            let object = try jsonObject(results)
            let failure = (object["benchmarks"] as! [[String: Any]])[1]["failure"] as! [String: Any]
            XCTAssertEqual(failure["kind"] as? String, kind.rawValue)
            let url = directory.appendingPathComponent("\(kind).json")
            try ResultsFile.write(results, to: url)
            XCTAssertEqual(try ResultsFile.load(from: url).benchmarks[1].failure?.kind, kind)
        }
    }

    /// A kind this version does not know is an input error naming the field and the value,
    /// never a crash and never a failure read as some other kind.
    func testAnUnknownFailureKindIsNamedWithItsPath() throws {
        var object = try jsonObject(Fixtures.results())
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        benchmarks[1]["failure"] = ["kind": "out-of-memory", "message": "killed"]
        object["benchmarks"] = benchmarks
        XCTAssertEqual(
            load(try text(object)),
            "has an invalid value at benchmarks[1].failure.kind: unknown failure kind 'out-of-memory' "
                + "(known: suite-set-up, set-up, body, time-limit, tear-down, timing)"
        )
    }

    // MARK: Rounds read by the scanner

    /// Rounds are read by a scanner of their own and the rest by JSONDecoder; the results must
    /// be exactly what JSONDecoder alone reads, on every file shape it accepts.
    func testScannedRoundsEqualWhatJSONDecoderReads() throws {
        let url = directory.appendingPathComponent("results.json")
        var merged = RunResults.merging([Fixtures.results(), Fixtures.results()])
        merged.benchmarks[0].rounds[0].cpuNanosecondsPerCall = nil
        merged.benchmarks[0].rounds[1].percentiles = merged.benchmarks[0].rounds[1].percentiles?.map { $0 / 3 }
        merged.benchmarks[0].rounds[2].percentiles = nil  // a round that kept only its median
        for data in [try ResultsFile.encode(merged), try ResultsFile.encodeCompact(merged)] {
            let split = try XCTUnwrap(RoundsScanner.split(data), "the scanner reads what bench writes")
            XCTAssertEqual(split.rounds.count, merged.benchmarks.count)
            let scanned = try ResultsFile.decode(data, from: url)
            let whole = try ResultsFile.decoder.decode(RunResults.self, from: data)
            XCTAssertEqual(try ResultsFile.encode(scanned), try ResultsFile.encode(whole))
            XCTAssertEqual(scanned.benchmarks.map { $0.rounds }, merged.benchmarks.map { $0.rounds })
        }
    }

    /// What the scanner does not fully understand goes to JSONDecoder, which decides.
    func testTheScannerLeavesUnusualRoundsToJSONDecoder() throws {
        var object = try jsonObject(Fixtures.results())
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        var rounds = benchmarks[0]["rounds"] as! [[String: Any]]
        rounds[0]["note"] = "an unknown field"
        benchmarks[0]["rounds"] = rounds
        object["benchmarks"] = benchmarks
        let unknownField = Data(try text(object).utf8)
        XCTAssertNil(RoundsScanner.split(unknownField))
        XCTAssertEqual(load(try text(object)), "loaded", "JSONDecoder ignores fields it does not know")

        let leadingZero = try text(try jsonObject(Fixtures.results())).replacingOccurrences(of: "\"iterations\":4", with: "\"iterations\":04")
        XCTAssertNotEqual(leadingZero, try text(try jsonObject(Fixtures.results())))
        XCTAssertNil(RoundsScanner.split(Data(leadingZero.utf8)))
        // JSON has no leading zeros: JSONDecoder refuses the number, and so must the scanner.
        XCTAssertTrue(load(leadingZero).hasPrefix("has an invalid value"), load(leadingZero))
    }

    // MARK: Contradictions the schema cannot see (the audit's findings)

    func testNegativeTimeIsRefusedWithItsPath() throws {
        var object = try jsonObject(Fixtures.results())
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        var rounds = benchmarks[0]["rounds"] as! [[String: Any]]
        var percentiles = rounds[1]["percentiles"] as! [String: Any]
        percentiles["p50"] = -3.5
        rounds[1]["percentiles"] = percentiles
        benchmarks[0]["rounds"] = rounds
        object["benchmarks"] = benchmarks
        XCTAssertEqual(load(try text(object)), "benchmarks[0].rounds[1].percentiles.p50: -3.5 ns is a negative time")
    }

    func testDuplicateBenchmarkNamesAreRefused() throws {
        var object = try jsonObject(Fixtures.results())
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(benchmarks.count, 2)
        benchmarks[1]["name"] = benchmarks[0]["name"]
        object["benchmarks"] = benchmarks
        let name = benchmarks[0]["name"] as! String
        XCTAssertEqual(
            load(try text(object)), "benchmarks[1].name: '\(name)' appears twice (also benchmarks[0]); each benchmark is judged once"
        )
    }

    func testProcessCountThatDisagreesWithTheRoundsIsRefused() throws {
        var object = try jsonObject(Fixtures.results())
        XCTAssertEqual(object["processes"] as? Int, 1)
        object["processes"] = 5
        XCTAssertEqual(
            load(try text(object)),
            "processes: 5, but the rounds are tagged with 1 process (0); the noise estimate would use one and the header the other"
        )
        object["processes"] = 1
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        var rounds = benchmarks[0]["rounds"] as! [[String: Any]]
        rounds[0]["process"] = 3
        benchmarks[0]["rounds"] = rounds
        object["benchmarks"] = benchmarks
        XCTAssertEqual(
            load(try text(object)), "benchmarks[0].rounds[0].process: process 3, but the file says it was measured in 1 process (0 to 0)"
        )
    }

    func testTimeLimitBeyondInt64IsAnErrorNotACrash() throws {
        var object = try jsonObject(Fixtures.results())
        var benchmarks = object["benchmarks"] as! [[String: Any]]
        var configuration = benchmarks[0]["configuration"] as! [String: Any]
        configuration["timeLimitSeconds"] = 1e20
        benchmarks[0]["configuration"] = configuration
        object["benchmarks"] = benchmarks
        XCTAssertEqual(
            load(try text(object)),
            "has an invalid value at benchmarks[0].configuration.timeLimitSeconds: 1e+20 seconds is not a representable time limit"
        )
    }

    func testTimeLimitSurvivesARoundTripToTheNanosecond() throws {
        for milliseconds in [1, 1_001, 59_999, 604_800_000] {
            var configuration = BenchmarkConfiguration(timeLimit: .milliseconds(milliseconds)).resolved()
            configuration.timeLimit = .milliseconds(milliseconds) + .nanoseconds(1)
            let data = try JSONEncoder().encode(configuration)
            XCTAssertEqual(try JSONDecoder().decode(ResolvedConfiguration.self, from: data).timeLimit, configuration.timeLimit)
        }
    }

    func testAtomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let url = directory.appendingPathComponent("results.json")
        try ResultsFile.write(Fixtures.results(), to: url)
        var second = Fixtures.results()
        second.clockOverheadNanoseconds = 33
        try ResultsFile.write(second, to: url)
        XCTAssertEqual(try ResultsFile.load(from: url).clockOverheadNanoseconds, 33)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["results.json"])
    }

    func testFailedWriteLeavesWhatWasThereAndNoTemporaryFile() throws {
        // A directory stands where the file should go, so the final rename fails.
        let url = directory.appendingPathComponent("results.json")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        XCTAssertTrue(FileManager.default.createFile(atPath: url.appendingPathComponent("keep").path, contents: Data("x".utf8)))
        XCTAssertThrowsError(try ResultsFile.write(Fixtures.results(), to: url)) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("\(url.relativePath): cannot be written ("), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["results.json"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.path), ["keep"])
    }

    private func jsonObject(_ results: RunResults) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try ResultsFile.encode(results)) as! [String: Any]
    }

    private func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
