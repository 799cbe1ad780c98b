import Foundation
import XCTest
@testable import Yardstick

final class MonitoringConsoleAlertSinkTests: XCTestCase {
    func testWritesOneTimestampedLineToStandardError() async {
        let captured = CapturedConsole()
        let sink = ConsoleAlertSink(console: captured.console())
        await sink.deliver(SinkFixtures.event(.fired))
        await sink.deliver(SinkFixtures.event(.resolved, at: SinkFixtures.now.addingTimeInterval(60)))
        XCTAssertEqual(captured.output, "")
        XCTAssertEqual(captured.error, """
            2026-12-02T12:00:03.125Z CRITICAL fired cache.get: 15.2 µs outside ≤ 11.0 µs
            2026-12-02T12:01:03.125Z CRITICAL resolved cache.get: 15.2 µs outside ≤ 11.0 µs (since 2026-12-02T12:00:01.125Z)

            """)
    }

    /// The sink writes to any ``DiagnosticOutput``, not only the command line's `Console`, so a
    /// program using the library alone can route alert lines where it likes.
    func testWritesToAnyDiagnosticOutput() async {
        let recorder = RecordingOutput()
        await ConsoleAlertSink(console: recorder).deliver(SinkFixtures.event(.fired))
        XCTAssertEqual(recorder.text, "2026-12-02T12:00:03.125Z CRITICAL fired cache.get: 15.2 µs outside ≤ 11.0 µs\n")
    }

    func testAMessageOnSeveralLinesStaysOneLine() {
        var event = SinkFixtures.event(.fired)
        event.alert.message = "probe failed:\nconnection refused\r\nretrying"
        XCTAssertEqual(
            ConsoleAlertSink.line(for: event),
            "2026-12-02T12:00:03.125Z CRITICAL fired cache.get: probe failed: connection refused retrying"
        )
    }
}

/// A ``DiagnosticOutput`` that keeps what it is given.
private final class RecordingOutput: DiagnosticOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var written = ""

    var text: String { lock.withLock { written } }

    func writeDiagnostic(_ text: String) {
        lock.withLock { written += text }
    }
}
