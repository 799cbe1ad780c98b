/// What an ``LRUCache`` has done since it was created.
public struct CacheStatistics: Sendable, Hashable, Codable {
    /// Reads that found a live entry.
    public var hits: Int
    /// Reads that found none, expired entries included.
    public var misses: Int
    /// Entries removed to make room for new ones.
    public var evictions: Int
    /// Entries removed because their time to live ran out.
    public var expirations: Int
    /// Entries held now.
    public var count: Int
    /// The most entries it holds.
    public var capacity: Int

    /// Hits over all reads; 0 before the first read.
    public var hitRate: Double {
        let reads = hits + misses
        return reads == 0 ? 0 : Double(hits) / Double(reads)
    }
}
