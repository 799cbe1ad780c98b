import Foundation
import XCTest
@testable import Yardstick

/// Reasons and warnings in results files: kind, fields and sentence, read back whole; and the
/// sentences alone that files written before they had fields hold.
final class JudgementReasonCodingTests: XCTestCase {
    private func encoder(wording: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if wording { encoder.userInfo[.judgementWording] = JudgementWording.plainText }
        return encoder
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testEveryReasonReadsBackWithItsKindFieldsAndSentence() throws {
        for (reason, sentence) in ReasonWordingTests.reasons {
            let data = try encoder().encode(reason)
            XCTAssertEqual(try JSONDecoder().decode(JudgementReason.self, from: data), reason, reason.kind)
            let fields = try object(data)
            XCTAssertEqual(fields["kind"] as? String, reason.kind)
            XCTAssertEqual(fields["message"] as? String, sentence)
        }
    }

    func testEveryWarningReadsBackWithItsKindFieldsAndSentence() throws {
        for (warning, sentence) in ReasonWordingTests.warnings {
            let data = try encoder().encode(warning)
            XCTAssertEqual(try JSONDecoder().decode(RunWarning.self, from: data), warning, warning.kind)
            let fields = try object(data)
            XCTAssertEqual(fields["kind"] as? String, warning.kind)
            XCTAssertEqual(fields["message"] as? String, sentence)
        }
    }

    func testAReasonIsWrittenAsItsFacts() throws {
        let reason = JudgementReason.withinNoise(metric: .median, change: 0.065, adjustedPValue: 0.001, tolerance: 0.05, noise: 0.02)
        XCTAssertEqual(
            String(decoding: try encoder().encode(reason), as: UTF8.self),
            #"{"adjustedPValue":0.001,"change":0.065,"kind":"withinNoise","#
                + #""message":"p50: changed by +6.50% (p=0.001), beyond the tolerance 5.00% but within its noise ±2.00%","#
                + #""metric":"p50","noise":0.02,"tolerance":0.05}"#
        )
        XCTAssertEqual(
            String(decoding: try encoder().encode(RunWarning.fewBaselineProcesses(processes: 1)), as: UTF8.self),
            #"{"kind":"fewBaselineProcesses","message":"the baseline was measured in 1 process: it cannot show how much benchmarks "#
                + #"vary between processes; record it with 'bench baseline update --processes 5'","processes":1}"#
        )
    }

    func testWithoutWordingOnlyTheFactsAreWritten() throws {
        let fields = try object(try encoder(wording: false).encode(JudgementReason.overBudget(metric: .mean, value: 140, limit: 130)))
        XCTAssertEqual(fields.keys.sorted(), ["kind", "limit", "metric", "value"])
        let text = try object(try encoder(wording: false).encode(RunWarning.text("older words")))
        XCTAssertEqual(text["message"] as? String, "older words", "a sentence is all a text warning has")
    }

    func testSentencesAloneAndUnknownKindsReadAsText() throws {
        let decoder = JSONDecoder()
        XCTAssertEqual(try decoder.decode([JudgementReason].self, from: Data(#"["not in the baseline"]"#.utf8)), [.text("not in the baseline")])
        XCTAssertEqual(try decoder.decode([RunWarning].self, from: Data(#"["a side is a DEBUG build"]"#.utf8)), [.text("a side is a DEBUG build")])
        XCTAssertEqual(
            try decoder.decode(JudgementReason.self, from: Data(#"{"kind":"fromTheFuture","message":"p50: something new","x":1}"#.utf8)),
            .text("p50: something new")
        )
        XCTAssertEqual(try decoder.decode(RunWarning.self, from: Data(#"{"kind":"fromTheFuture","message":"beware"}"#.utf8)), .text("beware"))
        XCTAssertThrowsError(try decoder.decode(JudgementReason.self, from: Data(#"{"kind":"overBudget","metric":"mean"}"#.utf8)),
                             "a known kind needs its fields")
    }

    /// A results file as `bench` wrote it before reasons had fields: every reason and warning
    /// its sentence.
    private func legacy(_ data: Data) throws -> Data {
        func sentence(_ value: Any) -> Any { (value as? [String: Any])?["message"] ?? value }
        func sentences(_ value: Any) -> Any {
            if let array = value as? [Any] { return array.map(sentences) }
            guard var object = value as? [String: Any] else { return value }
            for (key, member) in object {
                switch key {
                case "reasons", "warnings": object[key] = (member as? [Any])?.map(sentence) ?? member
                case "reason": object[key] = sentence(member)
                default: object[key] = sentences(member)
                }
            }
            return object
        }
        return try JSONSerialization.data(withJSONObject: sentences(try JSONSerialization.jsonObject(with: data)))
    }

    func testAFileWrittenBeforeReasonsHadFieldsReadsAndReportsAsBefore() throws {
        for input in [ReportFixtures.input(), ReportFixtures.sideBySide()] {
            let written = try ResultsFile.encode(input.results, judgement: input.judgement, wording: .plainText)
            let old = try legacy(written)
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let typedURL = directory.appendingPathComponent("typed.json"), oldURL = directory.appendingPathComponent("old.json")
            try written.write(to: typedURL)
            try old.write(to: oldURL)
            let typed = try ResultsFile.loadJudged(from: typedURL)
            let read = try ResultsFile.loadJudged(from: oldURL)
            XCTAssertEqual(typed.judgement?.benchmarks.map(\.reasons), input.judgement?.benchmarks.map(\.reasons))
            XCTAssertEqual(typed.judgement?.warnings, input.judgement?.warnings)
            let reasons = try XCTUnwrap(read.judgement?.benchmarks.flatMap(\.reasons))
            XCTAssertFalse(reasons.isEmpty)
            XCTAssertTrue(reasons.allSatisfy { if case .text = $0 { true } else { false } }, "\(reasons)")

            var readInput = input
            readInput.results = read.results
            readInput.judgement = read.judgement
            for format in [ReportFormat.md, .html, .junit] {
                XCTAssertEqual(try format.render(readInput), try format.render(input), "\(format)")
            }
        }
    }
}
