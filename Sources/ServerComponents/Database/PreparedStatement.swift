import CSQLite
import Foundation

/// One compiled SQL statement (`sqlite3_stmt`), to bind, step through and reuse.
///
/// ```swift
/// let select = try connection.prepare("SELECT name FROM items WHERE id = ?1")
/// try select.bind(42, at: 1)
/// if try select.step() { print(select.string(at: 0) ?? "NULL") }
/// select.reset()
/// ```
///
/// Compiling a statement costs several times more than running a small one, so callers keep
/// statements and run them again: ``reset()`` rewinds, and bound values stay until rebound or
/// ``clearBindings()``.
///
/// Parameter indices start at 1 (as in `?1`), column indices at 0, as in SQLite's C API.
///
/// Not thread-safe: a statement belongs to its connection and, like it, must be used by one
/// thread at a time (see ``SQLiteConnection``). The statement is finalized when released; it
/// keeps the underlying database handle alive until then (`sqlite3_close_v2` defers the close),
/// so releasing a statement after its connection is safe.
public final class PreparedStatement {
    /// The compiled statement; valid until `deinit`.
    let handle: OpaquePointer
    /// The statement as the caller wrote it, for error messages.
    public let sql: String

    /// Takes ownership of a compiled statement.
    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The connection's handle, for its error message.
    private var db: OpaquePointer? { sqlite3_db_handle(handle) }

    /// Throws the connection's current error unless `code` is `SQLITE_OK`.
    @inline(__always)
    private func check(_ code: Int32) throws {
        if code != SQLITE_OK { throw SQLiteError(code: code, db: db, sql: sql) }
    }

    // MARK: Binding

    /// Binds a 64-bit integer to parameter `index` (1-based). O(1).
    ///
    /// - Throws: ``SQLiteError`` with `SQLITE_RANGE` when the statement has no such parameter.
    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(handle, Int32(index), value))
    }

    /// Binds an integer to parameter `index` (1-based), as a 64-bit integer. O(1).
    ///
    /// So that an integer literal (`bind(42, at: 1)`) has one best match.
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a double to parameter `index` (1-based). O(1).
    ///
    /// SQLite stores NaN as NULL, so a NaN fails a `NOT NULL` column.
    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(handle, Int32(index), value))
    }

    /// Binds SQL NULL to parameter `index` (1-based). O(1).
    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(index)))
    }

    /// Binds text to parameter `index` (1-based), copied by SQLite (`SQLITE_TRANSIENT`), so the
    /// binding outlives `text`. O(n) in its UTF-8 length, plus an allocation inside SQLite.
    ///
    /// For a statement run at once, ``withBinding(_:at:_:)`` binds without the copy.
    public func bind(_ text: String, at index: Int) throws {
        var text = text
        try check(text.withUTF8 { bindText($0, at: index, SQLiteDestructor.transient) })
    }

    /// Binds a blob to parameter `index` (1-based), copied by SQLite (`SQLITE_TRANSIENT`).
    /// O(n) in its length.
    ///
    /// An empty `Data` binds a zero-length blob, not NULL.
    public func bind(_ data: Data, at index: Int) throws {
        let code = data.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress {
                return sqlite3_bind_blob64(handle, Int32(index), base, sqlite3_uint64(bytes.count), SQLiteDestructor.transient)
            }
            return sqlite3_bind_zeroblob(handle, Int32(index), 0)
        }
        try check(code)
    }

    /// Binds an optional value: the value when present, NULL when `nil`.
    public func bind(_ value: Int64?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds an optional value: the value when present, NULL when `nil`.
    public func bind(_ value: Double?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds an optional value: the value when present, NULL when `nil`.
    public func bind(_ value: String?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds an optional value: the value when present, NULL when `nil`.
    public func bind(_ value: Data?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds `text` to parameter `index` (1-based) without copying it, runs `body`, then resets
    /// the statement and binds NULL in the text's place.
    ///
    /// SQLite reads the string's own UTF-8 storage (`SQLITE_STATIC`), which stays valid only
    /// while `body` runs. SQLite refuses to rebind a statement that has run and not been reset,
    /// so the reset comes first; after it, the rebinding guarantees that SQLite holds no pointer
    /// to the storage. This saves the copy that binding a `String` with ``bind(_:at:)`` makes
    /// (a malloc, memcpy and free inside SQLite per call). Step the statement, and read what you
    /// need from its row, inside `body`; do not rebind `index` there.
    ///
    /// ```swift
    /// try insert.withBinding(name, at: 2) {
    ///     _ = try insert.step()
    /// }
    /// ```
    public func withBinding<Result>(_ text: String, at index: Int, _ body: () throws -> Result) throws -> Result {
        var text = text
        return try text.withUTF8 { bytes in
            try check(bindText(bytes, at: index, SQLiteDestructor.static))
            defer {
                sqlite3_reset(handle)
                sqlite3_bind_null(handle, Int32(index))
            }
            return try body()
        }
    }

    /// Binds UTF-8 bytes as text with the given destructor and returns SQLite's result code.
    ///
    /// The 64-bit call, so that text too long for SQLite fails with `SQLITE_TOOBIG` instead of
    /// trapping on a conversion to `Int32`.
    @inline(__always)
    private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ destructor: sqlite3_destructor_type?) -> Int32 {
        // An empty string may have no storage, and a NULL pointer would bind NULL, not "".
        guard let base = bytes.baseAddress else {
            return sqlite3_bind_text(handle, Int32(index), "", 0, SQLiteDestructor.transient)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            sqlite3_bind_text64(handle, Int32(index), chars, sqlite3_uint64(bytes.count), destructor, UInt8(SQLITE_UTF8))
        }
    }

    /// The number of parameters the statement takes (the largest `?N`). O(1).
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    // MARK: Running

    /// Runs the statement to its next row: `true` when a row is ready to read, `false` when the
    /// statement has finished.
    ///
    /// After `false` (or an error) the statement must be ``reset()`` before it runs again. A
    /// reading statement holds a read transaction open until reset, so reset it when done.
    ///
    /// - Throws: ``SQLiteError`` with SQLite's message and this statement's SQL, such as
    ///   "UNIQUE constraint failed: items.id".
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw SQLiteError(code: code, db: db, sql: sql)
    }

    /// Rewinds the statement to run again, keeping its bindings, and releases any read
    /// transaction it held. O(1).
    ///
    /// Never throws: `sqlite3_reset` repeats the error of the last ``step()``, which that
    /// call already threw.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL. O(parameters).
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Reading columns

    /// The number of columns in a result row; zero for a statement that returns none. O(1).
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name SQLite gives result column `index` (0-based): its `AS` alias or its expression.
    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// Whether column `index` (0-based) of the current row is NULL. O(1).
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// Column `index` (0-based) of the current row as an integer; SQLite converts other types
    /// (NULL is 0, text is parsed, a real is truncated). O(1).
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// Column `index` (0-based) of the current row as a double; NULL is 0. O(1).
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// Column `index` (0-based) of the current row as text, or `nil` for NULL. O(n) in its
    /// UTF-8 length; invalid UTF-8 is repaired with replacement characters.
    ///
    /// Text of up to 15 UTF-8 bytes makes a Swift small string, with no allocation.
    public func string(at index: Int) -> String? {
        // sqlite3_column_text before sqlite3_column_bytes, so the length is that of the text.
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` (0-based) of the current row as bytes, or `nil` for NULL. O(n).
    public func data(at index: Int) -> Data? {
        if isNull(at: index) { return nil }
        // sqlite3_column_blob returns NULL for a zero-length blob.
        guard let bytes = sqlite3_column_blob(handle, Int32(index)) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, Int32(index))))
    }
}

/// SQLite's special destructor values, which the C macros `SQLITE_STATIC` and
/// `SQLITE_TRANSIENT` define as casts that Swift does not import.
enum SQLiteDestructor {
    /// The bound memory outlives the binding; SQLite uses it in place.
    @inline(__always) static var `static`: sqlite3_destructor_type? { nil }
    /// The bound memory may go away after the call; SQLite copies it first.
    @inline(__always) static var transient: sqlite3_destructor_type? {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
