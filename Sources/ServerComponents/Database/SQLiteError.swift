import CSQLite

/// A failure reported by SQLite, or a misuse of this package's SQLite wrappers, with what SQLite
/// said about it.
///
/// ```swift
/// do {
///     try repository.insert(contentsOf: items)
/// } catch let error as SQLiteError where error.resultCode == SQLITE_CONSTRAINT {
///     print(error.message)   // "UNIQUE constraint failed: items.id"
/// }
/// ```
///
/// Connections enable extended result codes, so ``extendedResultCode`` tells the kinds of one
/// failure apart (`SQLITE_CONSTRAINT_NOTNULL`, `SQLITE_CONSTRAINT_PRIMARYKEY`, …), while
/// ``resultCode`` is the primary code every extended code belongs to.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The primary result code, such as `SQLITE_CONSTRAINT` (19) or `SQLITE_CANTOPEN` (14):
    /// the low 8 bits of ``extendedResultCode``.
    public var resultCode: Int32 { extendedResultCode & 0xFF }
    /// The extended result code, such as `SQLITE_CONSTRAINT_NOTNULL` (1299); equal to
    /// ``resultCode`` when SQLite has no finer code for the failure.
    public let extendedResultCode: Int32
    /// SQLite's own message for the failure (`sqlite3_errmsg`), such as
    /// "NOT NULL constraint failed: items.name", or this package's message for a misuse.
    public let message: String
    /// The statement that failed, as written by the caller; `nil` for failures outside any
    /// statement, such as opening a file.
    public let sql: String?
    /// The byte offset in ``sql`` of the token SQLite failed on while compiling it, as for a
    /// syntax error (`sqlite3_error_offset`); `nil` when SQLite did not point at one.
    public let offset: Int?
    /// The database file the failure concerns, for failures to open one; `nil` otherwise.
    public let path: String?

    /// Creates an error from its parts.
    ///
    /// - Parameters:
    ///   - code: The result code; an extended code keeps its detail, a primary code stands
    ///     for itself.
    ///   - message: What went wrong, in SQLite's words where SQLite reported it.
    ///   - sql: The failing statement, if any.
    ///   - offset: The byte offset of a syntax error in `sql`, if known.
    ///   - path: The database file, for failures to open one.
    public init(code: Int32, message: String, sql: String? = nil, offset: Int? = nil, path: String? = nil) {
        self.extendedResultCode = code
        self.message = message
        self.sql = sql
        self.offset = offset
        self.path = path
    }

    /// The failure `code` just reported on connection `db`, with SQLite's message.
    ///
    /// Reads `sqlite3_errmsg`, so it must run before the next call on the same connection,
    /// which would replace the message. A `nil` connection (out of memory while opening) gives
    /// the generic text for the code (`sqlite3_errstr`).
    init(code: Int32, db: OpaquePointer?, sql: String? = nil, path: String? = nil) {
        let message: String
        var offset: Int?
        if let db {
            message = String(cString: sqlite3_errmsg(db))
            let errorOffset = sqlite3_error_offset(db)
            offset = sql != nil && errorOffset >= 0 ? Int(errorOffset) : nil
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        self.init(code: code, message: message, sql: sql, offset: offset, path: path)
    }

    /// A misuse of the wrappers themselves, such as a statement after its repository was closed,
    /// reported as `SQLITE_MISUSE`.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }

    /// One line: the code with SQLite's generic name for it, the message, and where given the
    /// byte offset, the path and the statement (line breaks in it folded into spaces), for
    /// example `SQLite error 1299 (constraint failed): NOT NULL constraint failed: items.name;
    /// sql: INSERT INTO items …`.
    public var description: String {
        var text = "SQLite error \(extendedResultCode) (\(String(cString: sqlite3_errstr(extendedResultCode)))): \(message)"
        if let path { text += "; path: \(path)" }
        if let offset { text += "; at byte \(offset)" }
        if let sql {
            let folded = sql.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
            text += "; sql: \(folded)"
        }
        return text
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isBlank($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isBlank($0) })!
        return self[start...end]
    }
}
