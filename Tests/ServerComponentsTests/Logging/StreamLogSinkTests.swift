import Foundation
import XCTest
import ServerComponents
#if canImport(Glibc)
import Glibc
#endif

final class StreamLogSinkTests: XCTestCase {
    func testWritesWholeLinesToADescriptor() throws {
        let pipe = Pipe()
        let sink = StreamLogSink(fileHandle: pipe.fileHandleForWriting)
        let logger = Logger(label: "t", sink: sink, clock: ManualWallClock())
        logger.info("one")
        logger.error("two", metadata: ["k": "v"])
        try pipe.fileHandleForWriting.close()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(output, #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"t","message":"one"}"# + "\n"
            + #"{"timestamp":"2026-11-23T18:20:05.123Z","level":"error","label":"t","message":"two","metadata":{"k":"v"}}"# + "\n")
        XCTAssertEqual(sink.failedWriteCount, 0)
    }

    func testFailedWritesAreCountedNotThrown() {
        let sink = StreamLogSink(fileDescriptor: -1)
        sink.write(ArraySlice("x\n".utf8))
        sink.write(ArraySlice("y\n".utf8))
        XCTAssertEqual(sink.failedWriteCount, 2)
    }

    func testStandardStreamsUseDescriptorsOneAndTwo() {
        XCTAssertEqual(StreamLogSink.standardOutput.fileDescriptor, 1)
        XCTAssertEqual(StreamLogSink.standardError.fileDescriptor, 2)
    }
}
