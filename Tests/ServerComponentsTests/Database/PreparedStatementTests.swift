import CSQLite
import Foundation
import ServerComponents
import XCTest

final class PreparedStatementTests: XCTestCase {
    private var connection: SQLiteConnection!

    override func setUpWithError() throws {
        connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        try connection.execute("CREATE TABLE v(i INTEGER, r REAL, t TEXT, b BLOB)")
    }

    override func tearDown() {
        connection = nil
    }

    /// Inserts one row through `bind` and reads it back.
    private func roundTrip(
        _ bind: (PreparedStatement) throws -> Void,
        read: (PreparedStatement) throws -> Void
    ) throws {
        try connection.execute("DELETE FROM v")
        let insert = try connection.prepare("INSERT INTO v(i, r, t, b) VALUES (?1, ?2, ?3, ?4)")
        try bind(insert)
        XCTAssertFalse(try insert.step(), "an INSERT returns no row")
        let select = try connection.prepare("SELECT i, r, t, b FROM v")
        XCTAssertTrue(try select.step())
        try read(select)
        XCTAssertFalse(try select.step(), "one row only")
        select.reset()
    }

    func testBindsAndReadsEveryType() throws {
        let blob = Data([0, 1, 2, 255])
        try roundTrip({ statement in
            try statement.bind(Int64.min, at: 1)
            try statement.bind(-0.125, at: 2)
            try statement.bind("grüße \u{1F600}", at: 3)
            try statement.bind(blob, at: 4)
        }, read: { row in
            XCTAssertEqual(row.columnCount, 4)
            XCTAssertEqual(row.columnName(at: 2), "t")
            XCTAssertEqual(row.int64(at: 0), Int64.min)
            XCTAssertEqual(row.double(at: 1), -0.125)
            XCTAssertEqual(row.string(at: 2), "grüße \u{1F600}")
            XCTAssertEqual(row.data(at: 3), blob)
            XCTAssertFalse(row.isNull(at: 0))
        })
    }

    func testNilAndNullRoundTrip() throws {
        try roundTrip({ statement in
            try statement.bind(Int64?.none, at: 1)
            try statement.bind(Double?.none, at: 2)
            try statement.bind(String?.none, at: 3)
            try statement.bind(Data?.none, at: 4)
        }, read: { row in
            for column in 0..<4 { XCTAssertTrue(row.isNull(at: column), "column \(column)") }
            XCTAssertNil(row.string(at: 2))
            XCTAssertNil(row.data(at: 3))
            XCTAssertEqual(row.int64(at: 0), 0)
            XCTAssertEqual(row.double(at: 1), 0)
        })
    }

    func testEmptyTextAndBlobAreNotNull() throws {
        try roundTrip({ statement in
            try statement.bind("", at: 3)
            try statement.bind(Data(), at: 4)
        }, read: { row in
            XCTAssertEqual(row.string(at: 2), "")
            XCTAssertEqual(row.data(at: 3), Data())
        })
        let insert = try connection.prepare("INSERT INTO v(t) VALUES (?1)")
        try insert.withBinding("", at: 1) { XCTAssertFalse(try insert.step()) }
        let select = try connection.prepare("SELECT t FROM v WHERE b IS NULL")
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.string(at: 0), "")
        XCTAssertFalse(select.isNull(at: 0))
        select.reset()
    }

    func testTextWithNULAndLongTextRoundTrip() throws {
        let long = String(repeating: "long text that is not a small string. ", count: 100)
        try roundTrip({ statement in
            try statement.bind("a\u{0}b", at: 3)
            try statement.bind(long, at: 1)
        }, read: { row in
            XCTAssertEqual(row.string(at: 2), "a\u{0}b")
            XCTAssertEqual(row.string(at: 0), long)
        })
    }

    func testWithBindingBindsForTheBodyAndUnbindsAfter() throws {
        let insert = try connection.prepare("INSERT INTO v(t) VALUES (?1)")
        let long = String(repeating: "x", count: 1_000)
        let id = try insert.withBinding(long, at: 1) { () throws -> Int64 in
            XCTAssertFalse(try insert.step())
            return connection.lastInsertedRowID
        }
        XCTAssertEqual(id, 1)
        // Reset by withBinding, and the binding is NULL again, so no pointer to the string's storage is left behind.
        XCTAssertFalse(try insert.step())
        let select = try connection.prepare("SELECT t FROM v ORDER BY rowid")
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.string(at: 0), long)
        XCTAssertTrue(try select.step())
        XCTAssertNil(select.string(at: 0))
    }

    func testResetKeepsBindingsAndClearBindingsDropsThem() throws {
        let select = try connection.prepare("SELECT ?1")
        try select.bind(5, at: 1)
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.int64(at: 0), 5)
        XCTAssertFalse(try select.step())
        select.reset()
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.int64(at: 0), 5)
        select.reset()
        select.clearBindings()
        XCTAssertTrue(try select.step())
        XCTAssertTrue(select.isNull(at: 0))
        select.reset()
    }

    func testBindingAParameterThatDoesNotExistThrowsRange() throws {
        let select = try connection.prepare("SELECT ?1")
        XCTAssertEqual(select.parameterCount, 1)
        XCTAssertThrowsError(try select.bind(Int64(1), at: 2)) { error in
            guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
            XCTAssertEqual(error.resultCode, SQLITE_RANGE)
            XCTAssertEqual(error.message, "column index out of range")
            XCTAssertEqual(error.sql, "SELECT ?1")
        }
    }

    func testStepErrorCarriesMessageSQLAndExtendedCode() throws {
        try connection.execute("CREATE TABLE n(a TEXT NOT NULL)")
        let insert = try connection.prepare("INSERT INTO n(a) VALUES (?1)")
        XCTAssertThrowsError(try insert.step()) { error in
            guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
            XCTAssertEqual(error.resultCode, SQLITE_CONSTRAINT)
            XCTAssertEqual(error.extendedResultCode, sqliteConstraintNotNull)
            XCTAssertEqual(error.message, "NOT NULL constraint failed: n.a")
            XCTAssertEqual(error.sql, "INSERT INTO n(a) VALUES (?1)")
        }
        insert.reset()
        // The statement is usable again after the failure and a reset.
        try insert.bind("ok", at: 1)
        XCTAssertFalse(try insert.step())
    }
}
