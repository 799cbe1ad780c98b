/// A catalogue item, one row of the `items` table that ``ItemRepository`` keeps.
///
/// ```swift
/// let lamp = Item(id: Item.automaticID, name: "lamp", category: 3, price: 24.5, createdAt: 1_700_000_000)
/// let id = try repository.insert(lamp)
/// ```
public struct Item: Sendable, Hashable {
    /// An ``id`` that asks ``ItemRepository/insert(_:)`` to choose the next free one (SQLite
    /// takes one more than the largest in the table). Stored rows never have it.
    public static let automaticID: Int64 = 0

    /// The primary key (the table's rowid), or ``automaticID`` before insertion.
    public var id: Int64
    /// A display name; any text, including empty.
    public var name: String
    /// The category the item is listed under; range queries select one category.
    public var category: Int64
    /// The price, in the currency's units. Must not be NaN: SQLite stores NaN as NULL, which
    /// the table's `NOT NULL` constraint rejects.
    public var price: Double
    /// When the item was created, in seconds since 1970 (or any monotonic unit the caller
    /// picks); range queries select an interval of it within a category.
    public var createdAt: Int64

    /// Creates an item.
    public init(id: Int64 = Item.automaticID, name: String, category: Int64, price: Double, createdAt: Int64) {
        self.id = id
        self.name = name
        self.category = category
        self.price = price
        self.createdAt = createdAt
    }
}
