import Foundation
import XCTest

/// A fresh directory under the system's temporary directory, deleted by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("yardstick-database-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Where a test opens its database: in memory, or a WAL file in a temporary directory.
enum DatabaseLocation: CaseIterable, CustomStringConvertible {
    case memory
    case walFile

    var description: String { self == .memory ? ":memory:" : "WAL file" }
}

extension XCTestCase {
    /// Runs `body` once for each ``DatabaseLocation`` with a fresh database path, naming the
    /// location in a thrown error's failure; the temporary directory is removed afterwards.
    func forEachLocation(
        file: StaticString = #filePath,
        line: UInt = #line,
        _ body: (DatabaseLocation, String) throws -> Void
    ) {
        for location in DatabaseLocation.allCases {
            let directory: TemporaryDirectory
            do { directory = try TemporaryDirectory() } catch {
                XCTFail("cannot create a temporary directory: \(error)", file: file, line: line)
                return
            }
            defer { directory.remove() }
            let path = location == .memory ? ":memory:" : directory.path("items.sqlite")
            do {
                try body(location, path)
            } catch {
                XCTFail("\(location): \(error)", file: file, line: line)
            }
        }
    }
}

// Extended result codes, which sqlite3.h defines as expressions that Swift does not import.
/// `SQLITE_CONSTRAINT_NOTNULL`: `SQLITE_CONSTRAINT | (5 << 8)`.
let sqliteConstraintNotNull: Int32 = 1299
/// `SQLITE_CONSTRAINT_PRIMARYKEY`: `SQLITE_CONSTRAINT | (6 << 8)`.
let sqliteConstraintPrimaryKey: Int32 = 1555
