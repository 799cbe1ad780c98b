import XCTest
import ServerComponents

final class InMemoryLogSinkTests: XCTestCase {
    private func write(_ text: String, to sink: InMemoryLogSink) {
        sink.write(ArraySlice((text + "\n").utf8))
    }

    func testKeepsOnlyTheNewestLinesOldestFirst() {
        let sink = InMemoryLogSink(capacity: 3)
        for index in 1...7 { write("line \(index)", to: sink) }
        XCTAssertEqual(sink.lines, ["line 5", "line 6", "line 7"])
        XCTAssertEqual(sink.writtenCount, 7)
    }

    func testBeforeFillingUpKeepsEveryLine() {
        let sink = InMemoryLogSink(capacity: 3)
        XCTAssertEqual(sink.lines, [])
        write("a", to: sink)
        write("b", to: sink)
        XCTAssertEqual(sink.lines, ["a", "b"])
    }

    func testReusedSlotsHoldOnlyTheNewLine() {
        let sink = InMemoryLogSink(capacity: 1)
        write("a much longer first line", to: sink)
        write("short", to: sink)
        XCTAssertEqual(sink.lines, ["short"])
    }

    func testRemoveAllForgetsLinesAndCount() {
        let sink = InMemoryLogSink(capacity: 2)
        for index in 0..<5 { write("\(index)", to: sink) }
        sink.removeAll()
        XCTAssertEqual(sink.lines, [])
        XCTAssertEqual(sink.writtenCount, 0)
        write("x", to: sink)
        XCTAssertEqual(sink.lines, ["x"])
    }

    func testCapacityIsAtLeastOne() {
        let sink = InMemoryLogSink(capacity: 0)
        write("x", to: sink)
        XCTAssertEqual(sink.capacity, 1)
        XCTAssertEqual(sink.lines, ["x"])
    }

    func testConcurrentWritesAreAllCounted() async {
        let sink = InMemoryLogSink(capacity: 100)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<2_000 { sink.write(ArraySlice("\(task)-\(index)\n".utf8)) }
                }
            }
        }
        XCTAssertEqual(sink.writtenCount, 8_000)
        XCTAssertEqual(sink.lines.count, 100)
    }
}
