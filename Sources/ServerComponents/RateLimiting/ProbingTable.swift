/// The table of one shard of ``KeyedShards``: open addressing with linear probing, keyed by a
/// hash the caller computed once.
///
/// A `Dictionary` would hash the key again, and the shard has already hashed it to find the
/// shard: for a client address as a `String`, the two hashes were a third of a decision's
/// time. Here the stored hash is compared first and the key only on a match, so a lookup hashes
/// nothing.
///
/// Entries are only ever removed all at once, by ``removeAll(where:)``, which builds a new table
/// sized for the survivors: there are no tombstones, and memory shrinks when keys go idle.
///
/// The table stays at most half full, and a slot holds a tag, an optional key and an optional
/// value: with `Int` keys and token buckets, 48 bytes a slot and about 100 bytes a key, twice
/// what a `Dictionary` takes, for one hash a lookup instead of two: with `String` keys, 1.5 times as many
/// decisions a second on one key, and 1.35 times over 4,096 keys, measured in one process
/// against the `Dictionary` version.
@usableFromInline
struct ProbingTable<Key: Hashable, Value> {
    /// Per slot, 0 when empty, else the key's hash with its top bit set, so that no stored hash
    /// is 0.
    @usableFromInline var tags: [Int]
    @usableFromInline var keys: [Key?]
    @usableFromInline var values: [Value?]
    /// Entries held.
    @usableFromInline var count = 0

    /// The fewest slots a table has.
    @usableFromInline static var minimumSlots: Int { 16 }

    /// A table with room for `minimumCapacity` entries before it grows.
    @inlinable
    init(minimumCapacity: Int = 0) {
        var slots = Self.minimumSlots
        while slots < 2 * minimumCapacity { slots <<= 1 }
        tags = Array(repeating: 0, count: slots)
        keys = Array(repeating: nil, count: slots)
        values = Array(repeating: nil, count: slots)
    }

    /// Slots in the table: twice the entries it can hold before it grows, at least.
    @usableFromInline var slotCount: Int { tags.count }

    /// Runs `body` on the value of `key`, whose hash is `hash`, inserting `makeValue()` first
    /// when the key is absent.
    ///
    /// - Complexity: O(1) expected; an insertion that fills the table past half rebuilds it at
    ///   twice the size, without hashing a key again.
    @inlinable
    mutating func withValue<Result>(
        forKey key: Key,
        hash: Int,
        default makeValue: () -> Value,
        _ body: (inout Value) -> Result
    ) -> Result {
        let tag = hash | Int.min
        var slot = self.slot(forKey: key, tag: tag)
        if tags[slot] == 0 {
            if 2 * (count + 1) > slotCount {
                grow()
                slot = self.slot(forKey: key, tag: tag)
            }
            tags[slot] = tag
            keys[slot] = key
            values[slot] = makeValue()
            count += 1
        }
        return body(&values[slot]!)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inlinable
    func slot(forKey key: Key, tag: Int) -> Int {
        let mask = slotCount - 1
        var slot = tag & mask
        while true {
            let stored = tags[slot]
            if stored == 0 || (stored == tag && keys[slot]! == key) { return slot }
            slot = (slot &+ 1) & mask
        }
    }

    /// The value of `key`, or nil.
    @inlinable
    func value(forKey key: Key, hash: Int) -> Value? {
        let slot = slot(forKey: key, tag: hash | Int.min)
        return tags[slot] == 0 ? nil : values[slot]
    }

    /// Removes every entry whose value `shouldRemove` picks, into a table sized for the rest;
    /// returns how many were removed. `shouldRemove` must give the same answer for a value
    /// each time it is asked.
    ///
    /// - Complexity: O(slots); allocates only when something is removed.
    @inlinable
    mutating func removeAll(where shouldRemove: (Value) -> Bool) -> Int {
        var removable = 0
        for slot in 0..<slotCount where tags[slot] != 0 && shouldRemove(values[slot]!) {
            removable += 1
        }
        guard removable > 0 else { return 0 }
        var kept = ProbingTable(minimumCapacity: count - removable)
        for slot in 0..<slotCount where tags[slot] != 0 && !shouldRemove(values[slot]!) {
            kept.insertUnique(tag: tags[slot], key: keys[slot]!, value: values[slot]!)
        }
        self = kept
        return removable
    }

    @inlinable
    mutating func grow() {
        var larger = ProbingTable(minimumCapacity: slotCount)
        for slot in 0..<slotCount where tags[slot] != 0 {
            larger.insertUnique(tag: tags[slot], key: keys[slot]!, value: values[slot]!)
        }
        self = larger
    }

    /// Inserts a key known to be absent, into a table known to have room.
    @inlinable
    mutating func insertUnique(tag: Int, key: Key, value: Value) {
        let mask = slotCount - 1
        var slot = tag & mask
        while tags[slot] != 0 { slot = (slot &+ 1) & mask }
        tags[slot] = tag
        keys[slot] = key
        values[slot] = value
        count += 1
    }
}
