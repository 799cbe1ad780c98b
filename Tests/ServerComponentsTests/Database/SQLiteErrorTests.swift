import CSQLite
import ServerComponents
import XCTest

final class SQLiteErrorTests: XCTestCase {
    func testPrimaryCodeIsLowByteOfExtendedCode() {
        let error = SQLiteError(code: sqliteConstraintPrimaryKey, message: "UNIQUE constraint failed: items.id")
        XCTAssertEqual(error.resultCode, SQLITE_CONSTRAINT)
        XCTAssertEqual(error.extendedResultCode, 1555)
    }

    func testDescriptionIsOneLineWithMessageAndFoldedSQL() {
        let error = SQLiteError(
            code: sqliteConstraintNotNull,
            message: "NOT NULL constraint failed: items.name",
            sql: "INSERT INTO items(name)\n    VALUES (?1)"
        )
        XCTAssertEqual(
            error.description,
            "SQLite error 1299 (constraint failed): NOT NULL constraint failed: items.name; sql: INSERT INTO items(name) VALUES (?1)"
        )
    }

    func testDescriptionNamesThePath() {
        let error = SQLiteError(code: SQLITE_CANTOPEN, message: "unable to open database file", path: "/no/such/dir/a.db")
        XCTAssertEqual(
            error.description,
            "SQLite error 14 (unable to open database file): unable to open database file; path: /no/such/dir/a.db"
        )
    }
}
