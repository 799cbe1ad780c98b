import CSQLite

/// One connection to an SQLite database: a file in WAL mode, or a private in-memory database.
///
/// ```swift
/// let connection = try SQLiteConnection(path: "/var/lib/app/items.sqlite")
/// try connection.execute("CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT)")
/// try connection.transaction {
///     let insert = try connection.prepare("INSERT INTO notes(body) VALUES (?1)")
///     try insert.bind("hello", at: 1)
///     _ = try insert.step()
/// }
/// ```
///
/// **Threading.** The connection is opened with `SQLITE_OPEN_NOMUTEX`: SQLite takes no lock of
/// its own on each call, and the connection and its statements must be used by one thread at a
/// time. Its owner serialises access instead (``ItemRepository`` holds one ``Lock`` per
/// operation), which is cheaper than the recursive mutex `SQLITE_OPEN_FULLMUTEX` would take in
/// every `bind`, `step` and `column` call, and keeps an operation's several calls (bind, step,
/// read the error message) together, which per-call locking would not. The type is therefore
/// not `Sendable`.
///
/// **Files** are put in write-ahead-log mode with `synchronous=NORMAL`: readers do not block the
/// writer, and a commit appends to the log without an `fsync` (a power loss may lose the last
/// commits, never corrupt the file). A busy timeout of five seconds (by default) makes a
/// connection wait for another process's write lock instead of failing at once.
///
/// The connection closes when released (`sqlite3_close_v2`), and stays open until the last of
/// its ``PreparedStatement``s is released too.
public final class SQLiteConnection {
    /// How ``transaction(_:_:)`` starts a transaction.
    public enum TransactionKind: Sendable {
        /// `BEGIN`: takes the write lock at the first write, so a transaction that reads and
        /// then writes can fail with `SQLITE_BUSY` if another connection wrote in between.
        case deferred
        /// `BEGIN IMMEDIATE`: takes the write lock at once (waiting up to the busy timeout),
        /// so a writing transaction cannot fail half-way for want of it.
        case immediate
    }

    /// The path the connection was opened with; `:memory:` for an in-memory database.
    public let path: String
    /// The open database handle; valid until `deinit`.
    let handle: OpaquePointer

    /// Statements for transaction control, indexed by ``TransactionControl``, compiled on
    /// first use and kept, so that a transaction costs no parsing.
    private var transactionStatements = [PreparedStatement?](repeating: nil, count: TransactionControl.allCases.count)

    /// The path of a private in-memory database, gone when its connection closes.
    public static let memoryPath = ":memory:"

    /// Opens (and creates, if missing) the database at `path`.
    ///
    /// - Parameters:
    ///   - path: A file path, or ``memoryPath`` (`:memory:`) for a private in-memory database,
    ///     which has no write-ahead log.
    ///   - busyTimeout: How long a statement waits for a lock held by another connection before
    ///     failing with `SQLITE_BUSY`.
    /// - Throws: ``SQLiteError`` when the file cannot be opened or created (`SQLITE_CANTOPEN`,
    ///   with the path), is not a database (`SQLITE_NOTADB`), or refuses WAL mode.
    public init(path: String, busyTimeout: Duration = .seconds(5)) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError(code: code, db: db, path: path)
            // SQLite returns a handle even when opening fails, and it must still be closed.
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        // Constraint failures report their kind (SQLITE_CONSTRAINT_NOTNULL, …) from here on.
        sqlite3_extended_result_codes(db, 1)
        let (seconds, attoseconds) = busyTimeout.components
        let milliseconds = seconds >= Int64(Int32.max / 1_000) ? Int64(Int32.max)
            : max(0, seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
        sqlite3_busy_timeout(db, Int32(milliseconds))
        if !isInMemory {
            try enableWriteAheadLog()
        }
    }

    deinit {
        // Finalize our own statements first, so that the close is immediate instead of deferred.
        transactionStatements = []
        sqlite3_close_v2(handle)
    }

    /// Whether the database lives in memory only (``memoryPath``, or the empty path of a
    /// temporary database).
    public var isInMemory: Bool { path == Self.memoryPath || path.isEmpty }

    /// Switches the file to WAL mode and checks that SQLite agreed: `PRAGMA journal_mode`
    /// answers with the mode in force, and keeps the old one (without an error) when it cannot
    /// switch, for example on a file system without shared memory.
    private func enableWriteAheadLog() throws {
        let sql = "PRAGMA journal_mode=WAL"
        let mode = try prepare(sql)
        let hasRow = try mode.step()
        let reply = hasRow ? mode.string(at: 0) : nil
        mode.reset()
        guard reply?.lowercased() == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "journal_mode is '\(reply ?? "none")', not 'wal'", sql: sql)
        }
        try execute("PRAGMA synchronous=NORMAL")
    }

    /// Runs SQL that returns no rows, such as `CREATE TABLE` or `PRAGMA foreign_keys=ON`;
    /// several statements separated by semicolons run in order, and the first failure stops
    /// them.
    ///
    /// Compiles the SQL on every call: for a statement run often, keep a ``prepare(_:)``d one.
    ///
    /// - Throws: ``SQLiteError`` with SQLite's message and `sql` (without a byte offset).
    public func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else {
            // No offset: SQLite counts it from the start of the failing statement, not of `sql`.
            let error = SQLiteError(code: code, db: handle)
            throw SQLiteError(code: code, message: error.message, sql: sql)
        }
    }

    /// Compiles one SQL statement.
    ///
    /// Statements are compiled with `SQLITE_PREPARE_PERSISTENT`, SQLite's hint that they will
    /// be kept and run many times, as this package's callers do.
    ///
    /// - Throws: ``SQLiteError`` with SQLite's message, the byte offset of a syntax error and
    ///   `sql`; `SQLITE_MISUSE` when `sql` holds no statement, or more than one.
    public func prepare(_ sql: String) throws -> PreparedStatement {
        var statement: OpaquePointer?
        var hasMoreStatements = false
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            // SQLite compiles the first statement and would silently ignore the rest.
            if let tail {
                hasMoreStatements = String(cString: tail).contains { !$0.isWhitespace && $0 != ";" }
            }
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, db: handle, sql: sql)
        }
        guard let statement else {
            throw SQLiteError.misuse("no SQL statement to prepare", sql: sql)
        }
        let prepared = PreparedStatement(handle: statement, sql: sql)
        if hasMoreStatements {
            throw SQLiteError.misuse("prepare takes one SQL statement; use execute for several", sql: sql)
        }
        return prepared
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Inside another transaction, `body` runs in a savepoint instead, so that its failure
    /// undoes only its own changes and the outer transaction decides about the rest.
    ///
    /// ```swift
    /// try connection.transaction(.immediate) {
    ///     try connection.execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1")
    ///     try connection.execute("UPDATE accounts SET balance = balance + 10 WHERE id = 2")
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - kind: When the write lock is taken; ignored for a nested call.
    ///   - body: The work to make atomic.
    /// - Throws: What `body` threw, after rolling back; or ``SQLiteError`` when the
    ///   transaction cannot begin or commit (a failed commit is rolled back too).
    public func transaction<Result>(_ kind: TransactionKind = .deferred, _ body: () throws -> Result) throws -> Result {
        let nested = isInTransaction
        let begin: TransactionControl = nested ? .savepoint : kind == .immediate ? .beginImmediate : .begin
        let commit: TransactionControl = nested ? .release : .commit
        let rollback: TransactionControl = nested ? .rollbackToSavepoint : .rollback
        try run(begin)
        let result: Result
        do {
            result = try body()
            try run(commit)
        } catch {
            // The body's error is the one to report; a rollback failing too (say, after SQLite
            // already rolled back on its own) changes nothing the caller can act on.
            try? run(rollback)
            // ROLLBACK TO rewinds a savepoint but keeps it on the stack.
            if nested { try? run(.release) }
            throw error
        }
        return result
    }

    /// The statements that open and close transactions and savepoints.
    private enum TransactionControl: Int, CaseIterable {
        case begin, beginImmediate, commit, rollback, savepoint, release, rollbackToSavepoint

        var sql: String {
            switch self {
            case .begin: "BEGIN"
            case .beginImmediate: "BEGIN IMMEDIATE"
            case .commit: "COMMIT"
            case .rollback: "ROLLBACK"
            // The same name at every depth: RELEASE and ROLLBACK TO act on the innermost one.
            case .savepoint: "SAVEPOINT nested"
            case .release: "RELEASE nested"
            case .rollbackToSavepoint: "ROLLBACK TO nested"
            }
        }
    }

    /// Runs one transaction-control statement, compiled once per connection.
    private func run(_ control: TransactionControl) throws {
        let statement: PreparedStatement
        if let cached = transactionStatements[control.rawValue] {
            statement = cached
        } else {
            statement = try prepare(control.sql)
            transactionStatements[control.rawValue] = statement
        }
        defer { statement.reset() }
        _ = try statement.step()
    }

    /// Whether a transaction is open (SQLite is out of autocommit mode). O(1).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The rowid of the last row inserted on this connection. O(1).
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How many rows the last `INSERT`, `UPDATE` or `DELETE` changed. O(1).
    public var changes: Int { Int(sqlite3_changes64(handle)) }
}
