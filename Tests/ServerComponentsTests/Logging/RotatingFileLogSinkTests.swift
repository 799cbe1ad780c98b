import Foundation
import XCTest
import ServerComponents

final class RotatingFileLogSinkTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotating-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var logPath: String { directory.appendingPathComponent("app.log").path }

    private func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    private func lines(in name: String) throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    private func size(of name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
        return (attributes[.size] as? NSNumber)?.intValue ?? -1
    }

    func testRotatesAtTheSizeLimitKeepingAtMostMaxFilesWithTheNewestInAppLog() throws {
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 1_000, maxFiles: 3)
        let logger = Logger(label: "rotation", sink: sink, clock: ManualWallClock())
        let lineCount = 100
        for index in 0..<lineCount {
            logger.info("line \(index)", metadata: ["index": .integer(index)])
        }

        XCTAssertEqual(try fileNames(), ["app.log", "app.log.1", "app.log.2"])
        for name in try fileNames() {
            XCTAssertLessThanOrEqual(try size(of: name), 1_000, name)
        }
        let newest = try lines(in: "app.log")
        XCTAssertEqual(newest.last?.contains(#""message":"line 99""#), true)
        // Oldest to newest, the files hold consecutive lines ending with the last one written.
        let kept = try lines(in: "app.log.2") + lines(in: "app.log.1") + newest
        let indices = kept.compactMap { line -> Int? in
            guard let range = line.range(of: #""index":"#) else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        XCTAssertEqual(indices, Array((lineCount - kept.count)..<lineCount))
        // A file was rotated only when the next line would not fit.
        for (older, newer) in [("app.log.2", "app.log.1"), ("app.log.1", "app.log")] {
            let nextLine = try XCTUnwrap(try lines(in: newer).first)
            XCTAssertGreaterThan(try size(of: older) + nextLine.utf8.count + 1, 1_000, older)
        }
        XCTAssertGreaterThanOrEqual(sink.rotationCount, 10)
        XCTAssertEqual(sink.failedWriteCount, 0)
        XCTAssertEqual(sink.failedRotationCount, 0)
    }

    func testRotatesWhenTheNextLineWouldExceedTheLimitNotAfter() throws {
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 10, maxFiles: 2)
        sink.write(ArraySlice("12345\n".utf8))   // 6 bytes
        sink.write(ArraySlice("abcd\n".utf8))    // 11 bytes would exceed 10: rotate first
        XCTAssertEqual(try String(contentsOfFile: logPath + ".1", encoding: .utf8), "12345\n")
        XCTAssertEqual(try String(contentsOfFile: logPath, encoding: .utf8), "abcd\n")
        sink.write(ArraySlice("xyz\n".utf8))     // 9 bytes: fits
        XCTAssertEqual(try String(contentsOfFile: logPath, encoding: .utf8), "abcd\nxyz\n")
        XCTAssertEqual(sink.rotationCount, 1)
    }

    func testWithOneFileAFullFileIsStartedAgain() throws {
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 8, maxFiles: 1)
        for text in ["one\n", "two\n", "three\n"] { sink.write(ArraySlice(text.utf8)) }
        XCTAssertEqual(try fileNames(), ["app.log"])
        XCTAssertEqual(try String(contentsOfFile: logPath, encoding: .utf8), "three\n")
    }

    func testALineLongerThanTheLimitIsWrittenAloneInANewFile() throws {
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 10, maxFiles: 3)
        sink.write(ArraySlice("short\n".utf8))
        sink.write(ArraySlice("a line well over ten bytes\n".utf8))
        sink.write(ArraySlice("next\n".utf8))
        XCTAssertEqual(try String(contentsOfFile: logPath + ".2", encoding: .utf8), "short\n")
        XCTAssertEqual(try String(contentsOfFile: logPath + ".1", encoding: .utf8), "a line well over ten bytes\n")
        XCTAssertEqual(try String(contentsOfFile: logPath, encoding: .utf8), "next\n")
    }

    func testAnExistingFileIsAppendedToAndCountsTowardsTheLimit() throws {
        try "existing\n".write(toFile: logPath, atomically: false, encoding: .utf8)
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 12, maxFiles: 2)
        sink.write(ArraySlice("new\n".utf8))
        XCTAssertEqual(try String(contentsOfFile: logPath + ".1", encoding: .utf8), "existing\n")
        XCTAssertEqual(try String(contentsOfFile: logPath, encoding: .utf8), "new\n")
    }

    func testOpeningInAMissingDirectoryThrowsANamedError() {
        let path = directory.appendingPathComponent("missing/app.log").path
        XCTAssertThrowsError(try RotatingFileLogSink(path: path, maxBytes: 100, maxFiles: 2)) { error in
            XCTAssertEqual(error as? LogFileError, LogFileError(path: path, code: ENOENT))
            XCTAssertEqual("\(error)", "cannot open log file: \(path) (No such file or directory) — check that its directory exists and is writable")
        }
    }

    func testWriteFailuresAreCountedNotThrown() throws {
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 10, maxFiles: 2)
        sink.write(ArraySlice("12345678\n".utf8))
        try FileManager.default.removeItem(at: directory)
        // The next line needs a rotation, and the file cannot be reopened in a deleted directory.
        sink.write(ArraySlice("12345678\n".utf8))
        sink.write(ArraySlice("12345678\n".utf8))
        XCTAssertEqual(sink.failedWriteCount, 2)
    }

    func testConcurrentWritersNeverSplitALineOrOverfillAFile() async throws {
        let sink = try RotatingFileLogSink(path: logPath, maxBytes: 4_096, maxFiles: 50)
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock())
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<250 { logger.info("task \(task) line \(index)") }
                }
            }
        }
        var total = 0
        for name in try fileNames() {
            XCTAssertLessThanOrEqual(try size(of: name), 4_096)
            for line in try lines(in: name) {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), line)
                total += 1
            }
        }
        XCTAssertEqual(total, 1_000)
    }
}
