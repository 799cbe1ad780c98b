import Foundation
import XCTest
@testable import Yardstick

/// `docs/results.schema.json` against what the encoder writes, for a run that fills every
/// optional field: kept in step with the code by this test and, with a full validator, by CI.
final class ResultsSchemaTests: XCTestCase {
    private let schemaURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/results.schema.json")

    /// A report's input as `bench` writes results.json: reasons and warnings with their sentences.
    private func written(_ input: ReportInput) throws -> Data {
        try ResultsFile.encode(input.results, judgement: input.judgement, wording: .plainText)
    }

    func testAFullyPopulatedRunMatchesTheSchema() throws {
        var input = ReportFixtures.input()
        input.results.benchmarks[0].configuration.gates = [.wallTime(.p99, tolerance: .absolute(.microseconds(2))), .cpuTime(tolerance: .percent(10))]
        input.results.benchmarks[0].configuration.timing = .batched(size: 32)
        input.judgement?.options.tolerance = .percent(8)
        input.judgement?.options.alpha = 0.001
        input.judgement?.environmentDifferences.append(EnvironmentDifference(field: "cpuModel", baseline: "a", current: "b", isBlocking: true))
        XCTAssertNotNil(input.results.benchmarks[1].dispersion?.clusters, "the fixture has a two-level benchmark")
        let json = try JSONSerialization.jsonObject(with: try written(input))
        XCTAssertEqual(try SchemaCheck(schemaURL).problems(of: json), [])
    }

    func testTheCompactFormMatchesTheSchema() throws {
        var results = ReportFixtures.input().results
        results.benchmarks[0].configuration.gates = [.wallTime(.p99, tolerance: .absolute(.microseconds(2))), .cpuTime(tolerance: .percent(10))]
        results.benchmarks[0].counts = [
            AllocationCounts(calls: 10, allocations: 1, frees: 1, allocatedBytes: 16, freedBytes: 16, peakBytes: 16, process: 0),
            AllocationCounts(calls: 10, allocations: 1, frees: 1, allocatedBytes: 16, freedBytes: 16, peakBytes: 32, process: 1),
        ]
        let data = try ResultsFile.encode(results, form: .compact)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"p99\": [[") && text.contains("\"peakBytes\": [16,32]"), "tail columns and a varying count column")
        XCTAssertEqual(try SchemaCheck(schemaURL).problems(of: try JSONSerialization.jsonObject(with: data)), [])
    }

    func testASideBySideRunMatchesTheSchema() throws {
        let input = ReportFixtures.sideBySide()
        XCTAssertFalse(input.judgement?.ab?.layoutShifts.isEmpty ?? true, "the fixture has a layout shift")
        XCTAssertTrue(input.judgement?.benchmarks.contains { $0.median?.estimator?.control != nil } ?? false, "and a ratio to a control")
        let json = try JSONSerialization.jsonObject(with: try written(input))
        XCTAssertEqual(try SchemaCheck(schemaURL).problems(of: json), [])
    }

    func testTheCheckerCatchesAFieldTheSchemaLacks() throws {
        var object = try JSONSerialization.jsonObject(with: try written(ReportFixtures.input())) as! [String: Any]
        object["surprise"] = 1
        object.removeValue(forKey: "environment")
        XCTAssertEqual(Set(try SchemaCheck(schemaURL).problems(of: object)), ["$: 'surprise' is not in the schema", "$: lacks required 'environment'"])
    }

    func testReasonsAndWarningsWrittenAsSentencesStillMatchTheSchema() throws {
        var object = try JSONSerialization.jsonObject(with: try written(ReportFixtures.sideBySide())) as! [String: Any]
        var judgement = object["judgement"] as! [String: Any]
        var benchmarks = judgement["benchmarks"] as! [[String: Any]]
        XCTAssertFalse((benchmarks[0]["reasons"] as! [Any]).isEmpty && (judgement["warnings"] as! [Any]).isEmpty)
        benchmarks[0]["reasons"] = ["slower by +12.0% (p=0.001)"]
        judgement["benchmarks"] = benchmarks
        judgement["warnings"] = ["a side is a DEBUG build"]
        object["judgement"] = judgement
        XCTAssertEqual(try SchemaCheck(schemaURL).problems(of: object), [])
        judgement["warnings"] = [["kind": "debugBuild", "surprise": 1]]
        object["judgement"] = judgement
        XCTAssertEqual(try SchemaCheck(schemaURL).problems(of: object), ["$.judgement.warnings[0]: matches 0 of the oneOf options"])
    }
}
