import CSQLite
import Foundation
import ServerComponents
import XCTest

final class SQLiteConnectionTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    override func tearDown() {
        directory.remove()
    }

    /// The first column of the first row of `sql`, as text.
    private func scalar(_ connection: SQLiteConnection, _ sql: String) throws -> String? {
        let statement = try connection.prepare(sql)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return statement.string(at: 0)
    }

    // MARK: Opening

    func testFileDatabaseIsInWALModeWithSynchronousNormal() throws {
        let connection = try SQLiteConnection(path: directory.path("wal.sqlite"))
        XCTAssertFalse(connection.isInMemory)
        XCTAssertEqual(try scalar(connection, "PRAGMA journal_mode"), "wal")
        // NORMAL is 1 (OFF 0, FULL 2, EXTRA 3).
        XCTAssertEqual(try scalar(connection, "PRAGMA synchronous"), "1")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.path("wal.sqlite")))
    }

    func testMemoryDatabaseKeepsMemoryJournal() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        XCTAssertTrue(connection.isInMemory)
        XCTAssertEqual(try scalar(connection, "PRAGMA journal_mode"), "memory")
    }

    func testMissingDirectoryGivesCantOpenErrorWithPath() throws {
        let path = directory.path("missing/deeper/items.sqlite")
        XCTAssertThrowsError(try SQLiteConnection(path: path)) { error in
            guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
            XCTAssertEqual(error.resultCode, SQLITE_CANTOPEN)
            XCTAssertEqual(error.message, "unable to open database file")
            XCTAssertEqual(error.path, path)
            XCTAssertNil(error.sql)
            XCTAssertTrue(error.description.contains(path), error.description)
        }
    }

    func testPathThroughARegularFileGivesAnError() throws {
        let file = directory.path("plain.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        XCTAssertThrowsError(try SQLiteConnection(path: file + "/items.sqlite")) { error in
            XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_CANTOPEN)
        }
    }

    func testDirectoryAsDatabasePathGivesAnError() throws {
        XCTAssertThrowsError(try SQLiteConnection(path: directory.url.path)) { error in
            XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_CANTOPEN)
        }
    }

    func testFileThatIsNotADatabaseGivesNotADatabase() throws {
        let file = directory.path("text.sqlite")
        let text = String(repeating: "this is not an SQLite database\n", count: 100)
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data(text.utf8)))
        XCTAssertThrowsError(try SQLiteConnection(path: file)) { error in
            guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
            XCTAssertEqual(error.resultCode, SQLITE_NOTADB)
            XCTAssertEqual(error.message, "file is not a database")
        }
    }

    // MARK: Errors from SQL

    func testBadSQLInExecuteCarriesMessageAndSQL() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        let sql = "CREATE TABLE t(a INTEGER"
        XCTAssertThrowsError(try connection.execute(sql)) { error in
            guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
            XCTAssertEqual(error.resultCode, SQLITE_ERROR)
            XCTAssertEqual(error.message, "incomplete input")
            XCTAssertEqual(error.sql, sql)
            XCTAssertNil(error.offset)
        }
    }

    func testBadSQLInPrepareCarriesMessageSQLAndOffset() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        let sql = "SELEKT 1"
        XCTAssertThrowsError(try connection.prepare(sql)) { error in
            guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
            XCTAssertEqual(error.resultCode, SQLITE_ERROR)
            XCTAssertEqual(error.message, "near \"SELEKT\": syntax error")
            XCTAssertEqual(error.sql, sql)
            XCTAssertEqual(error.offset, 0)
            XCTAssertEqual(
                error.description,
                "SQLite error 1 (SQL logic error): near \"SELEKT\": syntax error; at byte 0; sql: SELEKT 1"
            )
        }
    }

    func testMissingTableNamesTheTable() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        XCTAssertThrowsError(try connection.prepare("SELECT * FROM nowhere")) { error in
            XCTAssertEqual((error as? SQLiteError)?.message, "no such table: nowhere")
        }
    }

    func testPrepareRefusesSeveralStatementsAndEmptySQL() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        XCTAssertThrowsError(try connection.prepare("SELECT 1; SELECT 2")) { error in
            XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_MISUSE)
            XCTAssertEqual((error as? SQLiteError)?.sql, "SELECT 1; SELECT 2")
        }
        XCTAssertThrowsError(try connection.prepare("  ")) { error in
            XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_MISUSE)
        }
        // A trailing semicolon and blanks are one statement.
        XCTAssertNoThrow(try connection.prepare("SELECT 1;  \n"))
    }

    func testExecuteRunsSeveralStatements() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        try connection.execute("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);")
        XCTAssertEqual(try scalar(connection, "SELECT sum(a) FROM t"), "3")
        XCTAssertEqual(connection.changes, 1)
        XCTAssertEqual(connection.lastInsertedRowID, 2)
    }

    // MARK: Transactions

    func testTransactionCommitsWhenBodyReturns() throws {
        let connection = try SQLiteConnection(path: directory.path("commit.sqlite"))
        try connection.execute("CREATE TABLE t(a INTEGER)")
        let value = try connection.transaction {
            XCTAssertTrue(connection.isInTransaction)
            try connection.execute("INSERT INTO t VALUES (7)")
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertFalse(connection.isInTransaction)
        // A second connection sees only committed data.
        let other = try SQLiteConnection(path: directory.path("commit.sqlite"))
        XCTAssertEqual(try scalar(other, "SELECT count(*) FROM t"), "1")
    }

    func testTransactionRollsBackWhenBodyThrows() throws {
        struct Abort: Error {}
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        try connection.execute("CREATE TABLE t(a INTEGER)")
        XCTAssertThrowsError(try connection.transaction(.immediate) {
            try connection.execute("INSERT INTO t VALUES (1)")
            throw Abort()
        }) { error in
            XCTAssertTrue(error is Abort, "\(error)")
        }
        XCTAssertFalse(connection.isInTransaction)
        XCTAssertEqual(try scalar(connection, "SELECT count(*) FROM t"), "0")
    }

    func testNestedTransactionRollsBackOnlyItsOwnChanges() throws {
        struct Abort: Error {}
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        try connection.execute("CREATE TABLE t(a INTEGER)")
        try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (1)")
            XCTAssertThrowsError(try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (2)")
                throw Abort()
            })
            XCTAssertTrue(connection.isInTransaction, "the outer transaction stays open")
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (3)")
            }
        }
        XCTAssertEqual(try scalar(connection, "SELECT group_concat(a) FROM t"), "1,3")
    }

    func testTransactionsRunRepeatedly() throws {
        let connection = try SQLiteConnection(path: SQLiteConnection.memoryPath)
        try connection.execute("CREATE TABLE t(a INTEGER)")
        for value in 0..<100 {
            try connection.transaction { try connection.execute("INSERT INTO t VALUES (\(value))") }
        }
        XCTAssertEqual(try scalar(connection, "SELECT count(*) FROM t"), "100")
    }

    func testBusyWriterFailsWithBusyAfterTimeout() throws {
        let path = directory.path("busy.sqlite")
        let first = try SQLiteConnection(path: path)
        try first.execute("CREATE TABLE t(a INTEGER)")
        let second = try SQLiteConnection(path: path, busyTimeout: .milliseconds(20))
        try first.transaction(.immediate) {
            XCTAssertThrowsError(try second.execute("INSERT INTO t VALUES (1)")) { error in
                XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_BUSY)
            }
            // WAL: a reader is not blocked by the writer.
            XCTAssertEqual(try scalar(second, "SELECT count(*) FROM t"), "0")
        }
    }

    func testReleasingAStatementAfterItsConnectionIsSafe() throws {
        let path = directory.path("release.sqlite")
        var connection: SQLiteConnection? = try SQLiteConnection(path: path)
        var statement: PreparedStatement? = try connection!.prepare("SELECT 40 + 2")
        XCTAssertEqual(try statement!.step(), true)
        XCTAssertEqual(statement!.int64(at: 0), 42)
        statement!.reset()
        // sqlite3_close_v2 defers the close until the statement is finalized.
        connection = nil
        statement = nil
        // Closed cleanly: the last connection checkpoints and removes the write-ahead log.
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
