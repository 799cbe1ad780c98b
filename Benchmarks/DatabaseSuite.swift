import CSQLite
import Foundation
import ServerComponents
import Yardstick

/// Measures ``ItemRepository`` over a real SQLite file in WAL mode with `synchronous=NORMAL`,
/// beside the same statements run through the raw C API, so the repository's own cost reads
/// off the ratio of a pair:
/// - `insert` and `insert.raw`: one row with an automatic id, inside a transaction the fixture
///   begins at set-up and commits at tear-down, so the figure is the insert itself, not the
///   commit; the table grows by every call (about 22,000 rows with the default iterations and rounds).
/// - `batch-insert`: ``ItemRepository/insert(contentsOf:)`` of 100 rows, each call its own
///   transaction with its own commit (a WAL append, no `fsync`); throughput counts rows. Now
///   and then a commit also checkpoints the log into the database file (SQLite's automatic
///   checkpoint at 1,000 pages, with an `fsync`): expect a long tail at p99.
/// - `select` and `select.raw`: the row of a pseudo-random existing id, in a table of 10,000
///   rows, each select its own implicit read transaction, as a server's lone lookups are;
///   both build the same ``Item``.
/// - `range`: up to 50 rows of one category in a window of creation times, through the index
///   on `(category, created_at)`; every window holds more than 50 rows.
/// - `update`: one pseudo-random existing row of 10,000, inside a transaction held open like
///   `insert`'s.
///
/// Every benchmark opens a fresh database in a temporary directory of its own at set-up, and
/// closes and deletes it at tear-down. Inputs vary with the call index; the pseudo-random ids
/// are a multiplicative hash of it, so every run visits the same rows in the same order.
public let databaseSuite = Suite("database", configuration: .init(tags: ["database"])) {
    Benchmark(
        "insert",
        // About 0.7-1.5 µs a call, across the batching threshold: automatic timing, held to the
        // plan its baseline recorded (per call), so runs and baselines stay comparable.
        configuration: .init(iterations: 1_000),
        setUp: { try RepositoryFixture(prefilledRows: 0, holdingTransaction: true) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        try fixture.repository.insert(fixture.newItem(index))
    }

    Benchmark(
        "insert.raw",
        // Like insert: held to the plan its baseline recorded (per call).
        configuration: .init(iterations: 1_000, isControl: true),
        setUp: { try RawFixture(prefilledRows: 0, holdingTransaction: true) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        try fixture.insert(fixture.newItem(index))
    }

    Benchmark(
        "batch-insert",
        configuration: .init(iterations: 20, throughput: .operations(DatabaseWorkload.batchSize)),
        setUp: { try RepositoryFixture(prefilledRows: 0, holdingTransaction: false) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        try fixture.repository.insert(contentsOf: fixture.batch(index))
    }

    Benchmark(
        "select",
        setUp: { try RepositoryFixture(prefilledRows: DatabaseWorkload.tableSize, holdingTransaction: false) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        try fixture.repository.find(id: DatabaseWorkload.existingID(index))
    }

    Benchmark(
        "select.raw",
        configuration: .init(isControl: true),
        setUp: { try RawFixture(prefilledRows: DatabaseWorkload.tableSize, holdingTransaction: false) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        try fixture.find(id: DatabaseWorkload.existingID(index))
    }

    Benchmark(
        "range",
        configuration: .init(iterations: 300),
        setUp: { try RepositoryFixture(prefilledRows: DatabaseWorkload.tableSize, holdingTransaction: false) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        let window = DatabaseWorkload.rangeWindow(index)
        return try fixture.repository.items(
            inCategory: window.category, createdFrom: window.start, to: window.end, limit: 50
        ).count
    }

    Benchmark(
        "update",
        setUp: { try RepositoryFixture(prefilledRows: DatabaseWorkload.tableSize, holdingTransaction: true) },
        tearDown: { try $0.close() }
    ) { fixture, index in
        try fixture.repository.update(DatabaseWorkload.updatedItem(index))
    }
}

/// The rows and inputs of the database suite, shared by its repository and raw fixtures.
enum DatabaseWorkload {
    /// Rows in a pre-filled table; ids 1 through this.
    static let tableSize = 10_000
    /// Rows per `batch-insert` call.
    static let batchSize = 100
    /// Categories the rows spread over; row n is in category n % categories.
    static let categories: Int64 = 16

    /// Names, chosen by index modulo their count: short enough (at most 15 UTF-8 bytes) to be
    /// Swift small strings, like many real names, so that reading one back allocates nothing.
    static let names: [String] = (0..<1_024).map { "item-\($0)" }

    /// Row `n` (1-based) of a pre-filled table: category `n % 16`, created at time `n`.
    static func prefilledItem(_ n: Int) -> Item {
        Item(
            id: Int64(n),
            name: names[n & 1_023],
            category: Int64(n) % categories,
            price: Double(n % 1_000) * 0.25,
            createdAt: Int64(n)
        )
    }

    /// The row the insert benchmarks add at call `index`, with an automatic id.
    @inline(__always)
    static func newItem(_ index: Int, names: [String]) -> Item {
        Item(
            name: names[index & 1_023],
            category: Int64(index) % categories,
            price: Double(index % 1_000) * 0.25,
            createdAt: 1_000_000 + Int64(index)
        )
    }

    /// A pseudo-random id in `1...tableSize` for call `index` (Fibonacci hashing).
    @inline(__always)
    static func existingID(_ index: Int) -> Int64 {
        let hash = (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15) >> 32
        return Int64(hash % UInt64(tableSize)) + 1
    }

    /// The category and creation-time window `range` queries at call `index`: 2,000 time units
    /// hold 125 rows of a category (one in 16), so the limit of 50 always binds.
    static func rangeWindow(_ index: Int) -> (category: Int64, start: Int64, end: Int64) {
        let start = Int64((index &* 7_919) % (tableSize - 2_000))
        return (Int64(index) % categories, start, start + 2_000)
    }

    /// An existing row with new values, for `update` at call `index`.
    static func updatedItem(_ index: Int) -> Item {
        let id = existingID(index)
        return Item(
            id: id,
            name: names[(index &+ 1) & 1_023],
            category: id % categories,
            price: Double(index % 997) * 0.5,
            createdAt: id
        )
    }
}

/// A directory of its own under the temporary directory, for one benchmark's database files.
struct BenchmarkDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("yardstick-database-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The database file's path.
    var databasePath: String { url.appendingPathComponent("items.sqlite").path }

    func remove() throws {
        try FileManager.default.removeItem(at: url)
    }
}

/// An ``ItemRepository`` on a fresh WAL file, optionally pre-filled, optionally holding a
/// transaction open from set-up to tear-down.
struct RepositoryFixture: Sendable {
    let repository: ItemRepository
    let directory: BenchmarkDirectory
    let holdsTransaction: Bool
    /// The names, copied here so a call reads them without the lazy global's check.
    let names = DatabaseWorkload.names
    /// `batch-insert`'s input: ten batches, used in turn, so no call builds an array.
    let batches: [Item]

    init(prefilledRows: Int, holdingTransaction: Bool) throws {
        directory = try BenchmarkDirectory()
        repository = try ItemRepository(path: directory.databasePath)
        if prefilledRows > 0 {
            _ = try repository.insert(contentsOf: (1...prefilledRows).map(DatabaseWorkload.prefilledItem))
        }
        holdsTransaction = holdingTransaction
        if holdingTransaction {
            try repository.withConnection { try $0.execute("BEGIN IMMEDIATE") }
        }
        batches = (0..<(10 * DatabaseWorkload.batchSize)).map { DatabaseWorkload.newItem($0, names: DatabaseWorkload.names) }
    }

    @inline(__always)
    func newItem(_ index: Int) -> Item {
        DatabaseWorkload.newItem(index, names: names)
    }

    /// Batch `index % 10` of ``batches``.
    @inline(__always)
    func batch(_ index: Int) -> ArraySlice<Item> {
        let start = (index % 10) * DatabaseWorkload.batchSize
        return batches[start..<(start + DatabaseWorkload.batchSize)]
    }

    func close() throws {
        if holdsTransaction {
            try repository.withConnection { try $0.execute("COMMIT") }
        }
        repository.close()
        try directory.remove()
    }
}

/// The floor: the repository's INSERT and point SELECT through the C API alone, on a database
/// opened and configured the same way (WAL, `synchronous=NORMAL`, no SQLite mutex, the same
/// schema and index), with statements prepared once and bound, stepped and reset per call.
///
/// Used by one benchmark's calls, one at a time, hence `@unchecked Sendable`.
final class RawFixture: @unchecked Sendable {
    private let db: OpaquePointer
    private let insertStatement: OpaquePointer
    private let selectStatement: OpaquePointer
    private let directory: BenchmarkDirectory
    private let holdsTransaction: Bool
    private let names = DatabaseWorkload.names

    init(prefilledRows: Int, holdingTransaction: Bool) throws {
        directory = try BenchmarkDirectory()
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(directory.databasePath, &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw RawFixtureError("cannot open \(directory.databasePath)")
        }
        db = handle
        try Self.execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        try Self.execute(db, ItemStore.schema)
        insertStatement = try Self.prepare(db, "INSERT INTO items(id, name, category, price, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        selectStatement = try Self.prepare(db, "SELECT id, name, category, price, created_at FROM items WHERE id = ?1")
        holdsTransaction = holdingTransaction
        if prefilledRows > 0 {
            try Self.execute(db, "BEGIN")
            for n in 1...prefilledRows {
                let item = DatabaseWorkload.prefilledItem(n)
                try insert(item, id: item.id)
            }
            try Self.execute(db, "COMMIT")
        }
        if holdingTransaction {
            try Self.execute(db, "BEGIN IMMEDIATE")
        }
    }

    @inline(__always)
    func newItem(_ index: Int) -> Item {
        DatabaseWorkload.newItem(index, names: names)
    }

    /// Inserts `item` with an automatic id, or with `id`; returns the new rowid.
    @discardableResult
    func insert(_ item: Item, id: Int64? = nil) throws -> Int64 {
        let statement = insertStatement
        if let id { sqlite3_bind_int64(statement, 1, id) } else { sqlite3_bind_null(statement, 1) }
        sqlite3_bind_int64(statement, 3, item.category)
        sqlite3_bind_double(statement, 4, item.price)
        sqlite3_bind_int64(statement, 5, item.createdAt)
        var name = item.name
        // The string's own bytes, valid for the closure, which steps: SQLITE_STATIC (nil).
        let code = name.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement, 2, chars.baseAddress, Int32(chars.count), nil)
            }
            return sqlite3_step(statement)
        }
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw RawFixtureError(db) }
        return sqlite3_last_insert_rowid(db)
    }

    /// The row with primary key `id`, read into an ``Item`` as the repository does.
    func find(id: Int64) throws -> Item? {
        let statement = selectStatement
        sqlite3_bind_int64(statement, 1, id)
        let code = sqlite3_step(statement)
        guard code == SQLITE_ROW else {
            sqlite3_reset(statement)
            if code == SQLITE_DONE { return nil }
            throw RawFixtureError(db)
        }
        let name = sqlite3_column_text(statement, 1)
        let item = Item(
            id: sqlite3_column_int64(statement, 0),
            name: String(decoding: UnsafeBufferPointer(start: name, count: Int(sqlite3_column_bytes(statement, 1))), as: UTF8.self),
            category: sqlite3_column_int64(statement, 2),
            price: sqlite3_column_double(statement, 3),
            createdAt: sqlite3_column_int64(statement, 4)
        )
        sqlite3_reset(statement)
        return item
    }

    func close() throws {
        if holdsTransaction {
            try Self.execute(db, "COMMIT")
        }
        sqlite3_finalize(insertStatement)
        sqlite3_finalize(selectStatement)
        guard sqlite3_close(db) == SQLITE_OK else { throw RawFixtureError(db) }
        try directory.remove()
    }

    private static func execute(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw RawFixtureError(db) }
    }

    private static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement
        else { throw RawFixtureError(db) }
        return statement
    }
}

/// A failure in the raw fixture, with SQLite's message.
struct RawFixtureError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    init(_ db: OpaquePointer) { description = String(cString: sqlite3_errmsg(db)) }
}
