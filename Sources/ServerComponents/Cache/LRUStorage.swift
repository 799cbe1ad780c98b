/// The storage of an ``LRUCache``: a dictionary from keys to entries (value, expiry and slot),
/// and, by slot, the links of a recency list from the most recently used (the head) to the
/// least (the tail) plus each slot's key, used only to evict. Free slots form a free list. Not
/// thread-safe; the cache holds the lock.
///
/// The layout follows where a hit spends its time, which is in cache misses on a working set
/// the size of a CPU's L2 cache: the value and expiry sit in the dictionary beside the slot
/// number, so the lookup brings them in with it, and the links have an array of their own,
/// 8 bytes a slot, because a hit rewrites the links of three or four scattered slots. Measured
/// with 10,000 entries, keeping value and expiry in arrays of their own cost two more misses a
/// hit.
@usableFromInline
struct LRUStorage<Key: Hashable, Value> {
    @usableFromInline
    struct Entry {
        @usableFromInline var value: Value
        /// Monotonic nanoseconds after which the entry has expired; 0 for never.
        @usableFromInline var expiry: UInt64
        @usableFromInline var slot: Int32

        @usableFromInline
        init(value: Value, expiry: UInt64, slot: Int32) {
            self.value = value
            self.expiry = expiry
            self.slot = slot
        }
    }

    @usableFromInline
    struct Link {
        @usableFromInline var previous: Int32
        @usableFromInline var next: Int32

        @usableFromInline
        init(previous: Int32, next: Int32) {
            self.previous = previous
            self.next = next
        }
    }

    @usableFromInline static var none: Int32 { -1 }

    @usableFromInline var entries: [Key: Entry]
    @usableFromInline var links: [Link] = []
    @usableFromInline var keys: [Key?] = []
    @usableFromInline var head: Int32 = none
    @usableFromInline var tail: Int32 = none
    /// The first free slot; free slots are chained through their links' `next`.
    @usableFromInline var free: Int32 = none

    @usableFromInline
    init(capacity: Int) {
        entries = Dictionary(minimumCapacity: capacity)
        links.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
    }

    @inlinable var count: Int { entries.count }

    /// See ``LRUCache/storageBytes``. A native dictionary of capacity c has the power of two
    /// of buckets at or above 4c/3, each a key and an entry, plus one bit of occupancy.
    var reservedBytes: Int {
        var buckets = 1
        while buckets * 3 < entries.capacity * 4 { buckets *= 2 }
        let bucketBytes = MemoryLayout<Key>.stride + MemoryLayout<Entry>.stride
        return buckets * bucketBytes + buckets / 8
            + links.capacity * MemoryLayout<Link>.stride + keys.capacity * MemoryLayout<Key?>.stride
    }

    /// Slots ever used: at most the capacity.
    var slotCount: Int { links.count }

    @inlinable
    func entry(forKey key: Key) -> Entry? { entries[key] }

    @inlinable
    mutating func update(_ key: Key, value: Value, expiry: UInt64) {
        entries[key]!.value = value
        entries[key]!.expiry = expiry
    }

    @inlinable
    mutating func insertAtFront(key: Key, value: Value, expiry: UInt64) {
        let slot: Int32
        let link = Link(previous: Self.none, next: head)
        if free != Self.none {
            slot = free
            free = links[Int(slot)].next
            links[Int(slot)] = link
            keys[Int(slot)] = key
        } else {
            slot = Int32(links.count)
            links.append(link)
            keys.append(key)
        }
        if head != Self.none { links[Int(head)].previous = slot }
        head = slot
        if tail == Self.none { tail = slot }
        entries[key] = Entry(value: value, expiry: expiry, slot: slot)
    }

    @inlinable
    mutating func moveToFront(_ slot: Int32) {
        guard slot != head else { return }
        unlink(slot)
        links[Int(slot)] = Link(previous: Self.none, next: head)
        if head != Self.none { links[Int(head)].previous = slot }
        head = slot
        if tail == Self.none { tail = slot }
    }

    /// Removes the entry for `key`, which is in `slot`, releasing its key and value, and frees
    /// the slot.
    @inlinable
    @discardableResult
    mutating func remove(_ key: Key, slot: Int32) -> Value? {
        unlink(slot)
        keys[Int(slot)] = nil
        links[Int(slot)] = Link(previous: Self.none, next: free)
        free = slot
        return entries.removeValue(forKey: key)?.value
    }

    @inlinable
    mutating func removeLeastRecentlyUsed() {
        guard tail != Self.none, let key = keys[Int(tail)] else { return }
        remove(key, slot: tail)
    }

    @inlinable
    mutating func unlink(_ slot: Int32) {
        let link = links[Int(slot)]
        if link.previous != Self.none { links[Int(link.previous)].next = link.next } else { head = link.next }
        if link.next != Self.none { links[Int(link.next)].previous = link.previous } else { tail = link.previous }
    }

    /// The keys from most to least recently used.
    var keysInRecencyOrder: [Key] {
        var order: [Key] = []
        order.reserveCapacity(count)
        var slot = head
        while slot != Self.none {
            order.append(keys[Int(slot)]!)
            slot = links[Int(slot)].next
        }
        return order
    }
}
