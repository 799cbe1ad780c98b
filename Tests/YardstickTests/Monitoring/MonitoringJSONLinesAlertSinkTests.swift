import Foundation
import XCTest
@testable import Yardstick

final class MonitoringJSONLinesAlertSinkTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The file's lines, each required to end with a line break.
    private func lines(of url: URL) throws -> [Data] {
        let data = try Data(contentsOf: url)
        XCTAssertEqual(data.last, UInt8(ascii: "\n"), "the file ends inside a line")
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { Data($0) }
    }

    func testEachEventIsOneLineThatDecodesBackToIt() async throws {
        let url = directory.appendingPathComponent("nested/deeper/alerts.jsonl")
        let failures = Recorder<String>()
        let sink = JSONLinesAlertSink(url: url, onFailure: failures.append)
        var multiline = SinkFixtures.event(.escalated, metric: "db.query")
        multiline.alert.message = "first line\nsecond line"
        let events = [SinkFixtures.event(.fired), multiline, SinkFixtures.event(.resolved, at: SinkFixtures.now.addingTimeInterval(30))]
        for event in events { await sink.deliver(event) }

        let lines = try lines(of: url)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(try lines.map { try ResultsFile.decoder.decode(AlertEvent.self, from: $0) }, events)
        XCTAssertEqual(
            String(decoding: lines[0], as: UTF8.self),
            #"{"alert":{"band":{"maximum":11000},"firstSeen":"2026-12-02T12:00:01.125Z","id":7,"level":"critical","message":"15.2 µs outside ≤ 11.0 µs","metric":"cache.get","source":"threshold","unit":"nanoseconds","value":15200},"at":"2026-12-02T12:00:03.125Z","kind":"fired"}"#
        )
        XCTAssertEqual(failures.values, [])
    }

    func testAppendsToWhatIsThereAndReopensAfterClose() throws {
        let url = directory.appendingPathComponent("alerts.jsonl")
        try Data("{\"earlier\":true}\n".utf8).write(to: url)
        let sink = JSONLinesAlertSink(url: url, onFailure: { XCTFail($0) })
        XCTAssertTrue(sink.append(SinkFixtures.event(.fired)))
        XCTAssertEqual(try lines(of: url).count, 2)

        // A rotation: the file moves away, then close() makes the next event start a new one.
        let rotated = directory.appendingPathComponent("alerts.jsonl.1")
        try FileManager.default.moveItem(at: url, to: rotated)
        sink.close()
        XCTAssertTrue(sink.append(SinkFixtures.event(.resolved)))
        XCTAssertEqual(try lines(of: rotated).count, 2)
        XCTAssertEqual(try lines(of: url).map { try ResultsFile.decoder.decode(AlertEvent.self, from: $0).kind }, [.resolved])
    }

    func testConcurrentWritersThroughSeparateFilesNeverSplitALine() async throws {
        let url = directory.appendingPathComponent("alerts.jsonl")
        // Two sinks hold two descriptors, as two processes would; only O_APPEND keeps them apart.
        let sinks = [JSONLinesAlertSink(url: url, onFailure: { XCTFail($0) }), JSONLinesAlertSink(url: url, onFailure: { XCTFail($0) })]
        let longMessage = String(repeating: "x", count: 3_000)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        var event = SinkFixtures.event(.fired, metric: "writer-\(writer)")
                        event.alert.id = index
                        event.alert.message = longMessage
                        await sinks[writer % 2].deliver(event)
                    }
                }
            }
        }
        let events = try lines(of: url).map { try ResultsFile.decoder.decode(AlertEvent.self, from: $0) }
        XCTAssertEqual(events.count, 400)
        for writer in 0..<8 {
            XCTAssertEqual(events.filter { $0.alert.metric == "writer-\(writer)" }.map(\.alert.id), Array(0..<50))
        }
    }

    func testAFileThatCannotBeOpenedIsReportedNotThrown() async throws {
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data().write(to: blocker)
        let failures = Recorder<String>()
        let sink = JSONLinesAlertSink(url: blocker.appendingPathComponent("alerts.jsonl"), onFailure: failures.append)
        await sink.deliver(SinkFixtures.event(.fired))
        XCTAssertFalse(sink.append(SinkFixtures.event(.resolved)))
        XCTAssertEqual(failures.values.count, 2)
        XCTAssertTrue(failures.values[0].contains("not-a-directory/alerts.jsonl: cannot append a fired event of cache.get ("), failures.values[0])
        XCTAssertFalse(failures.values[0].contains("\n"))
    }
}
