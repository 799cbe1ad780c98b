import Foundation
import XCTest
@testable import Yardstick

final class AtomicFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every name in `directory` and below it, relative to it.
    private func names(in directory: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
    }

    func testWritingCreatesMissingDirectoriesAndLeavesNoTemporaryFile() throws {
        let url = directory.appendingPathComponent("a/b/results.json")
        try AtomicFile.write(Data("new".utf8), to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "new")
        XCTAssertEqual(try names(in: directory), ["a", "a/b", "a/b/results.json"])
    }

    /// The new content replaces the old file as a whole (a rename), never by rewriting it in
    /// place: a reader that opened the old file still reads all of the old content.
    func testAReplacedFileIsSwappedWholeNotRewrittenInPlace() throws {
        let url = directory.appendingPathComponent("results.json")
        try Data("old content".utf8).write(to: url)
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }

        try AtomicFile.write(Data("new".utf8), to: url)

        XCTAssertEqual(try reader.readToEnd(), Data("old content".utf8))
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "new")
        XCTAssertEqual(try names(in: directory), ["results.json"])
    }

    /// A write that fails at the rename (the target is a directory) keeps what was there and
    /// removes its temporary file.
    func testAFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws {
        let url = directory.appendingPathComponent("results.json")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        try Data("old".utf8).write(to: url.appendingPathComponent("kept"))

        XCTAssertThrowsError(try AtomicFile.write(Data("new".utf8), to: url))

        XCTAssertEqual(try String(contentsOf: url.appendingPathComponent("kept"), encoding: .utf8), "old")
        XCTAssertEqual(try names(in: directory), ["results.json", "results.json/kept"])
    }

    /// A write whose parent cannot be a directory fails before touching anything.
    func testAWriteUnderAFileFailsAndChangesNothing() throws {
        let file = directory.appendingPathComponent("plain")
        try Data("old".utf8).write(to: file)
        XCTAssertThrowsError(try AtomicFile.write(Data("new".utf8), to: file.appendingPathComponent("results.json")))
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "old")
        XCTAssertEqual(try names(in: directory), ["plain"])
    }
}
