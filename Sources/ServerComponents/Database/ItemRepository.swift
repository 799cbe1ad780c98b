/// A thread-safe repository of ``Item``s in an SQLite database: insert, batch insert, point
/// select, indexed range query, update, delete and count, over statements compiled once.
///
/// ```swift
/// let repository = try ItemRepository(path: "/var/lib/app/items.sqlite")
/// let id = try repository.insert(Item(name: "lamp", category: 3, price: 24.5, createdAt: now))
/// let lamp = try repository.find(id: id)
/// let recent = try repository.items(inCategory: 3, createdFrom: now - 3_600, to: now + 1, limit: 50)
/// try repository.transaction { store in
///     _ = try store.update(Item(id: id, name: "desk lamp", category: 3, price: 29, createdAt: now))
///     _ = try store.delete(id: oldID)
/// }
/// ```
///
/// One connection, opened without SQLite's own mutex (see ``SQLiteConnection``), and one
/// ``Lock`` taken once per operation: each operation's bind, step, reset and error message stay
/// together, and concurrent callers queue on the lock. A file database is in WAL mode with
/// `synchronous=NORMAL`.
///
/// Each operation outside ``transaction(_:)`` is its own transaction, committed on return;
/// a write then costs a commit (tens of microseconds on a file). Group writes with
/// ``insert(contentsOf:)`` or ``transaction(_:)`` to pay it once.
public final class ItemRepository: @unchecked Sendable {
    // Safety of @unchecked Sendable: `store` and everything it owns (the connection and its
    // statements) is touched only while `lock` is held.
    private let lock = Lock()
    /// The open store; `nil` after ``close()``.
    private var store: ItemStore?
    /// What counts as slow, and the clock that times it; `nil` until
    /// ``countSlowQueries(over:ticks:)``, so that an unwatched repository reads no clock.
    private var slowQueryWatch: (threshold: UInt64, ticks: any TickSource)?
    private var slowQueryCount = 0

    /// Opens the database at `path` (a file, created if missing, or `:memory:`) and creates the
    /// `items` table and its index if they do not exist.
    ///
    /// - Throws: ``SQLiteError`` when the file cannot be opened, refuses WAL mode, or holds an
    ///   incompatible `items` table.
    public init(path: String) throws {
        store = try ItemStore(connection: SQLiteConnection(path: path))
    }

    /// Runs `body` on the store under the lock; throws when the repository is closed.
    @inline(__always)
    private func withStore<Result>(_ body: (ItemStore) throws -> Result) throws -> Result {
        lock.lock()
        defer { lock.unlock() }
        guard let store else { throw SQLiteError.misuse("the item repository is closed") }
        guard let watch = slowQueryWatch else { return try body(store) }
        // Timed under the lock: the operation's own time, not its wait for other callers.
        let start = watch.ticks.nanoseconds()
        defer {
            if watch.ticks.nanoseconds().nanoseconds(since: start) > watch.threshold { slowQueryCount += 1 }
        }
        return try body(store)
    }

    /// Starts counting operations (an insert, a find, a range query …, or a whole
    /// ``transaction(_:)``) that take longer than `threshold`, as a database's slow query log
    /// does; ``slowQueries`` is the count. Each operation then reads `ticks` twice (about
    /// 30 ns each with the default clock). Calling it again changes the threshold and keeps
    /// the count.
    public func countSlowQueries(over threshold: Duration, ticks: some TickSource = MonotonicTicks()) {
        lock.withLock { slowQueryWatch = (threshold.saturatingNanoseconds, ticks) }
    }

    /// Operations slower than the threshold of ``countSlowQueries(over:ticks:)`` since it was
    /// first called; 0 before.
    public var slowQueries: Int { lock.withLock { slowQueryCount } }

    /// Inserts `item` and returns its id: `item.id`, or the next free one for
    /// ``Item/automaticID``. O(log n) and, outside a transaction, one commit.
    ///
    /// - Throws: ``SQLiteError``, such as "UNIQUE constraint failed: items.id".
    public func insert(_ item: Item) throws -> Int64 {
        try withStore { try $0.insert(item) }
    }

    /// Inserts `items` in one transaction, all or none, and returns their ids in order.
    /// O(k log n) and one commit for k items.
    ///
    /// - Throws: The failing row's ``SQLiteError`` (with SQLite's message, such as
    ///   "NOT NULL constraint failed: items.price"), after rolling back the whole batch.
    public func insert<Items: Collection<Item>>(contentsOf items: Items) throws -> [Int64] {
        try withStore { try $0.insert(contentsOf: items) }
    }

    /// The item with primary key `id`, or `nil`. O(log n).
    public func find(id: Int64) throws -> Item? {
        try withStore { try $0.find(id: id) }
    }

    /// Items of `category` created in `start..<end`, oldest first (ties by id), at most `limit`.
    /// O(log n + limit) through the index on `(category, created_at)`.
    ///
    /// `limit` must not be negative; zero, or an empty interval, gives no items.
    public func items(inCategory category: Int64, createdFrom start: Int64, to end: Int64, limit: Int) throws -> [Item] {
        try withStore { try $0.items(inCategory: category, createdFrom: start, to: end, limit: limit) }
    }

    /// Replaces the row whose id is `item.id`; `true` when there was one, `false` when there
    /// was none (nothing is inserted). O(log n).
    public func update(_ item: Item) throws -> Bool {
        try withStore { try $0.update(item) }
    }

    /// Deletes the row with primary key `id`; `true` when there was one. O(log n).
    public func delete(id: Int64) throws -> Bool {
        try withStore { try $0.delete(id: id) }
    }

    /// The number of items. O(n).
    public func count() throws -> Int {
        try withStore { try $0.count() }
    }

    /// Runs `body` in one transaction with exclusive use of the repository: its changes are
    /// committed together when it returns and rolled back when it throws, and no other caller's
    /// operation runs in between. The transaction takes SQLite's write lock at once
    /// (`BEGIN IMMEDIATE`), so another process writing to the file makes it wait at the start
    /// (up to the busy timeout), never fail half-way.
    ///
    /// Use the store `body` receives, never the repository itself: its lock is held for the
    /// whole call and is not recursive, so calling the repository from `body` deadlocks.
    ///
    /// - Throws: What `body` threw, after rolling back; or ``SQLiteError`` when the
    ///   transaction cannot begin or commit.
    public func transaction<Result>(_ body: (ItemStore) throws -> Result) throws -> Result {
        try withStore { store in
            try store.connection.transaction(.immediate) { try body(store) }
        }
    }

    /// Runs `body` with exclusive use of the repository's connection, for SQL the repository
    /// does not cover: a `PRAGMA`, `EXPLAIN QUERY PLAN`, or a transaction held open across
    /// operations (`BEGIN` here, operations, `COMMIT` in a later call), as bulk loaders and
    /// benchmarks do.
    ///
    /// `body` must not keep the connection or its statements past the call, nor call the
    /// repository (its lock is held).
    public func withConnection<Result>(_ body: (SQLiteConnection) throws -> Result) throws -> Result {
        try withStore { try body($0.connection) }
    }

    /// Closes the database: later operations throw ``SQLiteError`` (`SQLITE_MISUSE`). Waits
    /// for an operation in progress; closing twice does nothing.
    ///
    /// Releasing the repository closes it too; call this to release the file at a known point,
    /// for example before deleting it. A transaction left open by ``withConnection(_:)`` is
    /// rolled back.
    public func close() {
        lock.withLock { store = nil }
    }
}
