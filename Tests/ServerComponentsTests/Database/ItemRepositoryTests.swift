import CSQLite
import Foundation
import ServerComponents
import XCTest

final class ItemRepositoryTests: XCTestCase {
    /// An item whose fields all derive from `n`, so each test can recompute what it stored.
    private func item(_ n: Int64, id: Int64 = Item.automaticID, category: Int64? = nil) -> Item {
        Item(id: id, name: "item \(n)", category: category ?? n % 3, price: Double(n) * 1.25, createdAt: 1_000 + n)
    }

    /// The first column of each row of `sql`, as text.
    private func column(_ repository: ItemRepository, _ sql: String, at index: Int = 0) throws -> [String] {
        try repository.withConnection { connection in
            let statement = try connection.prepare(sql)
            defer { statement.reset() }
            var values: [String] = []
            while try statement.step() { values.append(statement.string(at: index) ?? "NULL") }
            return values
        }
    }

    // MARK: Each operation, in memory and on a WAL file

    func testFileRepositoryIsInWALModeAndMemoryIsNot() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            let mode = try column(repository, "PRAGMA journal_mode")
            XCTAssertEqual(mode, [location == .walFile ? "wal" : "memory"], "\(location)")
        }
    }

    func testInsertReturnsGivenOrNextFreeID() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            XCTAssertEqual(try repository.insert(item(1)), 1, "\(location)")
            XCTAssertEqual(try repository.insert(item(2)), 2, "\(location)")
            XCTAssertEqual(try repository.insert(item(3, id: 100)), 100, "\(location)")
            XCTAssertEqual(try repository.insert(item(4)), 101, "\(location)")
            XCTAssertEqual(try repository.count(), 4, "\(location)")
        }
    }

    func testFindReturnsTheStoredItemOrNil() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            let stored = Item(id: 7, name: "Ünïcode name that is longer than fifteen bytes", category: -3, price: 0.1, createdAt: .max)
            _ = try repository.insert(stored)
            XCTAssertEqual(try repository.find(id: 7), stored, "\(location)")
            XCTAssertNil(try repository.find(id: 8), "\(location)")
            let empty = Item(id: 9, name: "", category: 0, price: 0, createdAt: 0)
            _ = try repository.insert(empty)
            XCTAssertEqual(try repository.find(id: 9), empty, "\(location)")
        }
    }

    func testInsertOfAnIDInUseThrowsUniqueAndKeepsTheOldRow() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            _ = try repository.insert(item(1, id: 5))
            XCTAssertThrowsError(try repository.insert(item(2, id: 5))) { error in
                guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
                XCTAssertEqual(error.extendedResultCode, sqliteConstraintPrimaryKey, "\(location)")
                XCTAssertEqual(error.message, "UNIQUE constraint failed: items.id", "\(location)")
                XCTAssertTrue(error.sql?.hasPrefix("INSERT INTO items") == true, "\(location)")
            }
            XCTAssertEqual(try repository.find(id: 5)?.name, "item 1", "\(location)")
            // The statement is reused after the failure.
            XCTAssertEqual(try repository.insert(item(3)), 6, "\(location)")
        }
    }

    func testRangeQuerySelectsCategoryAndHalfOpenIntervalInOrderUpToLimit() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            // Inserted out of order, with a tie on created_at broken by id.
            let rows: [Item] = [
                Item(id: 1, name: "a", category: 1, price: 1, createdAt: 30),
                Item(id: 2, name: "b", category: 1, price: 1, createdAt: 10),
                Item(id: 3, name: "c", category: 2, price: 1, createdAt: 20),
                Item(id: 4, name: "d", category: 1, price: 1, createdAt: 20),
                Item(id: 5, name: "e", category: 1, price: 1, createdAt: 40),
                Item(id: 6, name: "f", category: 1, price: 1, createdAt: 20),
            ]
            _ = try repository.insert(contentsOf: rows.reversed())
            let ids = { (from: Int64, to: Int64, limit: Int) in
                try repository.items(inCategory: 1, createdFrom: from, to: to, limit: limit).map(\.id)
            }
            XCTAssertEqual(try ids(10, 40, 50), [2, 4, 6, 1], "\(location): 40 is excluded")
            XCTAssertEqual(try ids(10, 41, 50), [2, 4, 6, 1, 5], "\(location)")
            XCTAssertEqual(try ids(10, 41, 2), [2, 4], "\(location)")
            XCTAssertEqual(try ids(20, 21, 50), [4, 6], "\(location)")
            XCTAssertEqual(try ids(10, 41, 0), [], "\(location)")
            XCTAssertEqual(try ids(30, 30, 50), [], "\(location)")
            XCTAssertEqual(try ids(41, 10, 50), [], "\(location)")
            XCTAssertEqual(try repository.items(inCategory: 2, createdFrom: 0, to: 100, limit: 10), [rows[2]], "\(location)")
            XCTAssertEqual(try repository.items(inCategory: 9, createdFrom: 0, to: 100, limit: 10), [], "\(location)")
        }
    }

    func testUpdateReplacesAnExistingRowAndReportsWhetherOneChanged() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            _ = try repository.insert(item(1, id: 1))
            let changed = Item(id: 1, name: "renamed", category: 9, price: 99.5, createdAt: 5)
            XCTAssertTrue(try repository.update(changed), "\(location)")
            XCTAssertEqual(try repository.find(id: 1), changed, "\(location)")
            XCTAssertEqual(try repository.items(inCategory: 9, createdFrom: 0, to: 10, limit: 5), [changed], "\(location)")
            XCTAssertFalse(try repository.update(item(2, id: 2)), "\(location)")
            XCTAssertNil(try repository.find(id: 2), "\(location): update does not insert")
            XCTAssertEqual(try repository.count(), 1, "\(location)")
        }
    }

    func testDeleteRemovesARowAndReportsWhetherOneExisted() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            _ = try repository.insert(contentsOf: [item(1, id: 1), item(2, id: 2)])
            XCTAssertTrue(try repository.delete(id: 1), "\(location)")
            XCTAssertFalse(try repository.delete(id: 1), "\(location)")
            XCTAssertFalse(try repository.delete(id: 3), "\(location)")
            XCTAssertNil(try repository.find(id: 1), "\(location)")
            XCTAssertEqual(try repository.count(), 1, "\(location)")
        }
    }

    func testCountFollowsInsertsAndDeletes() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            XCTAssertEqual(try repository.count(), 0, "\(location)")
            let ids = try repository.insert(contentsOf: (1...25).map { item($0) })
            XCTAssertEqual(try repository.count(), 25, "\(location)")
            for id in ids.prefix(10) { _ = try repository.delete(id: id) }
            XCTAssertEqual(try repository.count(), 15, "\(location)")
        }
    }

    func testBatchInsertReturnsIDsInOrder() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            let ids = try repository.insert(contentsOf: [item(1), item(2, id: 50), item(3)])
            XCTAssertEqual(ids, [1, 50, 51], "\(location)")
            XCTAssertEqual(try repository.insert(contentsOf: [Item]()), [], "\(location)")
            XCTAssertEqual(try repository.find(id: 50), item(2, id: 50), "\(location)")
        }
    }

    func testSchemaCreationIsIdempotentAndDataSurvivesReopening() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("items.sqlite")
        do {
            let repository = try ItemRepository(path: path)
            _ = try repository.insert(item(1, id: 1))
            try repository.withConnection { try $0.execute(ItemStore.schema) }
        }
        let reopened = try ItemRepository(path: path)
        XCTAssertEqual(try reopened.find(id: 1), item(1, id: 1))
        XCTAssertEqual(
            try column(reopened, "SELECT name FROM sqlite_schema WHERE tbl_name = 'items' ORDER BY name"),
            ["items", ItemStore.rangeIndexName]
        )
    }

    // MARK: Atomic batches and transactions

    func testBatchWithDuplicatePrimaryKeyLeavesNoRowOfTheBatch() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            _ = try repository.insert(item(1, id: 1))
            let batch = [item(10, id: 10), item(11, id: 11), item(12, id: 1), item(13, id: 13)]
            XCTAssertThrowsError(try repository.insert(contentsOf: batch)) { error in
                guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
                XCTAssertEqual(error.resultCode, SQLITE_CONSTRAINT, "\(location)")
                XCTAssertEqual(error.message, "UNIQUE constraint failed: items.id", "\(location)")
                XCTAssertTrue(error.description.contains("UNIQUE constraint failed: items.id"), "\(location)")
            }
            XCTAssertEqual(try repository.count(), 1, "\(location)")
            XCTAssertNil(try repository.find(id: 10), "\(location)")
            XCTAssertNil(try repository.find(id: 11), "\(location)")
            XCTAssertEqual(try repository.find(id: 1), item(1, id: 1), "\(location)")
            // The repository is not left in a transaction.
            XCTAssertFalse(try repository.withConnection { $0.isInTransaction }, "\(location)")
            XCTAssertEqual(try repository.insert(contentsOf: [item(10, id: 10)]), [10], "\(location)")
        }
    }

    func testBatchWithNotNullViolationLeavesNoRowOfTheBatch() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            // SQLite stores NaN as NULL, which `price REAL NOT NULL` rejects.
            var bad = item(3)
            bad.price = .nan
            XCTAssertThrowsError(try repository.insert(contentsOf: [item(1), item(2), bad, item(4)])) { error in
                guard let error = error as? SQLiteError else { return XCTFail("not an SQLiteError: \(error)") }
                XCTAssertEqual(error.extendedResultCode, sqliteConstraintNotNull, "\(location)")
                XCTAssertEqual(error.message, "NOT NULL constraint failed: items.price", "\(location)")
            }
            XCTAssertEqual(try repository.count(), 0, "\(location)")
        }
    }

    func testNotNullViolationOnNameCarriesSQLitesMessage() {
        forEachLocation { location, path in
            // A name cannot be nil in Swift, so this goes around the repository to the table.
            let repository = try ItemRepository(path: path)
            XCTAssertThrowsError(try repository.withConnection { connection in
                try connection.execute("INSERT INTO items(name, category, price, created_at) VALUES (NULL, 1, 1, 1)")
            }) { error in
                XCTAssertEqual((error as? SQLiteError)?.message, "NOT NULL constraint failed: items.name", "\(location)")
            }
        }
    }

    func testTransactionRollsBackEveryOperationWhenBodyThrows() {
        struct Abort: Error {}
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            _ = try repository.insert(contentsOf: [item(1, id: 1), item(2, id: 2)])
            XCTAssertThrowsError(try repository.transaction { store in
                _ = try store.insert(item(3, id: 3))
                _ = try store.insert(contentsOf: [item(4, id: 4), item(5, id: 5)])
                XCTAssertTrue(try store.update(Item(id: 1, name: "changed", category: 0, price: 0, createdAt: 0)))
                XCTAssertTrue(try store.delete(id: 2))
                XCTAssertEqual(try store.count(), 4)
                throw Abort()
            }) { error in
                XCTAssertTrue(error is Abort, "\(location): \(error)")
            }
            XCTAssertEqual(try repository.count(), 2, "\(location)")
            XCTAssertEqual(try repository.find(id: 1), item(1, id: 1), "\(location)")
            XCTAssertEqual(try repository.find(id: 2), item(2, id: 2), "\(location)")
            XCTAssertNil(try repository.find(id: 3), "\(location)")
        }
    }

    func testTransactionCommitsAllOperationsAndReturnsTheBodysResult() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            let ids = try repository.transaction { store in
                [try store.insert(item(1)), try store.insert(item(2))]
            }
            XCTAssertEqual(ids, [1, 2], "\(location)")
            XCTAssertEqual(try repository.count(), 2, "\(location)")
        }
    }

    func testFailedBatchInsideTransactionRollsBackOnlyTheBatch() {
        forEachLocation { location, path in
            let repository = try ItemRepository(path: path)
            try repository.transaction { store in
                _ = try store.insert(item(1, id: 1))
                XCTAssertThrowsError(try store.insert(contentsOf: [item(2, id: 2), item(3, id: 1)]))
                _ = try store.insert(item(4, id: 4))
            }
            XCTAssertEqual(try column(repository, "SELECT id FROM items ORDER BY id"), ["1", "4"], "\(location)")
        }
    }

    // MARK: Query plans

    /// The `detail` column of `EXPLAIN QUERY PLAN` for `sql`.
    private func plan(_ repository: ItemRepository, _ sql: String) throws -> [String] {
        try column(repository, "EXPLAIN QUERY PLAN " + sql, at: 3)
    }

    func testRangeQuerySearchesTheIndexWithoutASort() throws {
        let repository = try ItemRepository(path: SQLiteConnection.memoryPath)
        let details = try plan(repository, ItemStore.rangeQuery)
        XCTAssertEqual(details.count, 1, "\(details)")
        XCTAssertTrue(details[0].hasPrefix("SEARCH items USING INDEX \(ItemStore.rangeIndexName) (category=? AND created_at>? AND created_at<?)"), "\(details)")
        XCTAssertFalse(details.contains { $0.contains("TEMP B-TREE") }, "\(details)")
    }

    func testPointSelectSearchesThePrimaryKey() throws {
        let repository = try ItemRepository(path: SQLiteConnection.memoryPath)
        XCTAssertEqual(
            try plan(repository, "SELECT id, name, category, price, created_at FROM items WHERE id = ?1"),
            ["SEARCH items USING INTEGER PRIMARY KEY (rowid=?)"]
        )
    }

    // MARK: Closing

    func testOperationsOnAClosedRepositoryThrowMisuse() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("closed.sqlite")
        let repository = try ItemRepository(path: path)
        _ = try repository.insert(item(1))
        repository.close()
        repository.close()
        // Closed for real: the last connection removed its write-ahead log.
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        XCTAssertThrowsError(try repository.find(id: 1)) { error in
            XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_MISUSE)
            XCTAssertEqual((error as? SQLiteError)?.message, "the item repository is closed")
        }
        XCTAssertThrowsError(try repository.insert(item(2)))
        XCTAssertThrowsError(try repository.transaction { _ in })
    }

    func testRepositoryOnAMissingDirectoryThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        XCTAssertThrowsError(try ItemRepository(path: directory.path("gone/items.sqlite"))) { error in
            XCTAssertEqual((error as? SQLiteError)?.resultCode, SQLITE_CANTOPEN)
        }
    }

    // MARK: Concurrency

    func testConcurrentInsertsReadsAndTransactionsStayConsistent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try ItemRepository(path: directory.path("concurrent.sqlite"))
        let writers = 4
        let perWriter: Int64 = 200
        let pairs = 100
        // Category 99 only ever grows by pairs, inside one transaction each.
        let pairCategory: Int64 = 99

        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<Int64(writers) {
                group.addTask {
                    for n in 0..<perWriter {
                        let id = writer * 10_000 + n + 1
                        let stored = Item(id: id, name: "w\(writer) n\(n)", category: writer, price: Double(n), createdAt: n)
                        XCTAssertEqual(try repository.insert(stored), id)
                        // Read your own write, while others write.
                        XCTAssertEqual(try repository.find(id: id), stored)
                    }
                }
            }
            group.addTask {
                for n in 0..<pairs {
                    try repository.transaction { store in
                        for half in 0..<2 {
                            // Ids of their own: an automatic id could take one a writer is about to use.
                            let id = 1_000_000 + Int64(2 * n + half)
                            _ = try store.insert(Item(id: id, name: "pair \(n).\(half)", category: pairCategory, price: 1, createdAt: Int64(n)))
                        }
                    }
                }
            }
            group.addTask {
                var last = 0
                for _ in 0..<300 {
                    let count = try repository.count()
                    XCTAssertGreaterThanOrEqual(count, last, "the count never goes back")
                    last = count
                    let paired = try repository.items(inCategory: pairCategory, createdFrom: .min, to: .max, limit: 1_000)
                    XCTAssertEqual(paired.count % 2, 0, "a transaction's pair is seen whole or not at all")
                }
            }
            try await group.waitForAll()
        }

        XCTAssertEqual(try repository.count(), writers * Int(perWriter) + 2 * pairs)
        for writer in 0..<Int64(writers) {
            let rows = try repository.items(inCategory: writer, createdFrom: 0, to: perWriter, limit: 1_000)
            XCTAssertEqual(rows.map(\.id), (0..<perWriter).map { writer * 10_000 + $0 + 1 })
        }
    }
}
