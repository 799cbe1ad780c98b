/// The `items` table over one connection, with every statement compiled once: the work of
/// ``ItemRepository``, without its lock.
///
/// Not thread-safe, like its connection. A store comes from
/// ``ItemRepository/transaction(_:)``, whose lock it runs under; it must not be kept after that
/// call returns.
///
/// Each operation binds its compiled statement, steps it and resets it, so a statement never
/// holds a read transaction open between operations; text is bound without copying, for the
/// duration of the step (``PreparedStatement/withBinding(_:at:_:)``).
public final class ItemStore {
    /// The SQL that creates the table and its range index, if they do not exist yet.
    public static let schema = """
        CREATE TABLE IF NOT EXISTS items(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            category INTEGER NOT NULL,
            price REAL NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS \(rangeIndexName) ON items(category, created_at);
        """

    /// The index on `(category, created_at)` that serves
    /// ``items(inCategory:createdFrom:to:limit:)``.
    public static let rangeIndexName = "items_category_created_at"

    /// The selected columns, in the order ``item(from:)`` reads them.
    static let columns = "id, name, category, price, created_at"

    /// The statement behind ``items(inCategory:createdFrom:to:limit:)``. Ordering by
    /// `created_at, id` follows the index, whose entries end with the rowid, so SQLite needs no
    /// sort and stops after `limit` rows.
    public static let rangeQuery = """
        SELECT \(columns) FROM items
        WHERE category = ?1 AND created_at >= ?2 AND created_at < ?3
        ORDER BY created_at, id LIMIT ?4
        """

    /// The connection the statements belong to, for SQL this type does not cover, run under the
    /// same lock and in the same transaction.
    public let connection: SQLiteConnection
    private let insertStatement: PreparedStatement
    private let findStatement: PreparedStatement
    private let rangeStatement: PreparedStatement
    private let updateStatement: PreparedStatement
    private let deleteStatement: PreparedStatement
    private let countStatement: PreparedStatement

    /// Creates the schema on `connection` if needed and compiles the statements.
    init(connection: SQLiteConnection) throws {
        try connection.execute(Self.schema)
        self.connection = connection
        insertStatement = try connection.prepare(
            "INSERT INTO items(id, name, category, price, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"
        )
        findStatement = try connection.prepare("SELECT \(Self.columns) FROM items WHERE id = ?1")
        rangeStatement = try connection.prepare(Self.rangeQuery)
        updateStatement = try connection.prepare(
            "UPDATE items SET name = ?2, category = ?3, price = ?4, created_at = ?5 WHERE id = ?1"
        )
        deleteStatement = try connection.prepare("DELETE FROM items WHERE id = ?1")
        countStatement = try connection.prepare("SELECT count(*) FROM items")
    }

    /// Inserts `item` and returns its id: `item.id`, or the one SQLite chose for
    /// ``Item/automaticID``. O(log n).
    ///
    /// - Throws: ``SQLiteError``, such as "UNIQUE constraint failed: items.id" for an id in use
    ///   or "NOT NULL constraint failed: items.price" for a NaN price.
    public func insert(_ item: Item) throws -> Int64 {
        let statement = insertStatement
        // No reset here: withBinding resets after the step, and a failed bind does not run it.
        if item.id == Item.automaticID {
            // NULL for an INTEGER PRIMARY KEY makes SQLite pick the next rowid.
            try statement.bindNull(at: 1)
        } else {
            try statement.bind(item.id, at: 1)
        }
        try statement.bind(item.category, at: 3)
        try statement.bind(item.price, at: 4)
        try statement.bind(item.createdAt, at: 5)
        try statement.withBinding(item.name, at: 2) {
            _ = try statement.step()
        }
        return connection.lastInsertedRowID
    }

    /// Inserts `items` in order, all or none, and returns their ids in the same order.
    /// O(k log n) for k items.
    ///
    /// One transaction for the whole batch (a savepoint inside an open transaction): when one
    /// row fails, none of the batch stays, and the batch pays for one commit instead of k.
    ///
    /// - Throws: The first row's ``SQLiteError``, after rolling the batch back.
    public func insert<Items: Collection<Item>>(contentsOf items: Items) throws -> [Int64] {
        try connection.transaction(.immediate) {
            var ids = [Int64]()
            ids.reserveCapacity(items.count)
            for item in items {
                ids.append(try insert(item))
            }
            return ids
        }
    }

    /// The item with primary key `id`, or `nil`. O(log n): one lookup in the table's B-tree.
    public func find(id: Int64) throws -> Item? {
        let statement = findStatement
        defer { statement.reset() }
        try statement.bind(id, at: 1)
        guard try statement.step() else { return nil }
        return Self.item(from: statement)
    }

    /// Items of `category` created in `start..<end`, oldest first (ties by id), at most
    /// `limit` of them. O(log n + limit), through the index on `(category, created_at)`.
    ///
    /// An empty interval or a `limit` of zero gives no items; `limit` must not be negative.
    public func items(inCategory category: Int64, createdFrom start: Int64, to end: Int64, limit: Int) throws -> [Item] {
        precondition(limit >= 0, "limit must not be negative: \(limit)")
        guard limit > 0, start < end else { return [] }
        let statement = rangeStatement
        defer { statement.reset() }
        try statement.bind(category, at: 1)
        try statement.bind(start, at: 2)
        try statement.bind(end, at: 3)
        try statement.bind(Int64(limit), at: 4)
        var items = [Item]()
        // Enough for a typical page without regrowing, without reserving a huge limit.
        items.reserveCapacity(Swift.min(limit, 64))
        while try statement.step() {
            items.append(Self.item(from: statement))
        }
        return items
    }

    /// Replaces the stored fields of the row whose id is `item.id`; `true` when such a row
    /// existed, `false` when none did (nothing is inserted). O(log n), plus the index update
    /// when category or creation time change.
    public func update(_ item: Item) throws -> Bool {
        let statement = updateStatement
        // No reset here: withBinding resets after the step, and a failed bind does not run it.
        try statement.bind(item.id, at: 1)
        try statement.bind(item.category, at: 3)
        try statement.bind(item.price, at: 4)
        try statement.bind(item.createdAt, at: 5)
        try statement.withBinding(item.name, at: 2) {
            _ = try statement.step()
        }
        return connection.changes > 0
    }

    /// Deletes the row with primary key `id`; `true` when there was one. O(log n).
    public func delete(id: Int64) throws -> Bool {
        let statement = deleteStatement
        defer { statement.reset() }
        try statement.bind(id, at: 1)
        _ = try statement.step()
        return connection.changes > 0
    }

    /// The number of rows. O(n): SQLite counts the entries of the smallest index.
    public func count() throws -> Int {
        let statement = countStatement
        defer { statement.reset() }
        _ = try statement.step()
        return Int(statement.int64(at: 0))
    }

    /// The item in the current row of a statement that selects ``columns``.
    @inline(__always)
    static func item(from statement: PreparedStatement) -> Item {
        Item(
            id: statement.int64(at: 0),
            name: statement.string(at: 1) ?? "",
            category: statement.int64(at: 2),
            price: statement.double(at: 3),
            createdAt: statement.int64(at: 4)
        )
    }
}
