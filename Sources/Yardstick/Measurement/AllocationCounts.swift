/// What one counting pass of a benchmark asked of the heap: totals over `calls` calls, summed
/// over every thread of the process.
///
/// Counts are exact: they do not depend on the machine's speed, so a benchmark without
/// concurrency gives the same counts in every process and a change of one allocation per call
/// shows as exactly that. A `realloc` that returns a block counts as one free and one
/// allocation, even when the block grew in place. Bytes are the allocator's usable sizes, which
/// malloc's size classes round up from the sizes asked for.
public struct AllocationCounts: Sendable, Hashable, Codable {
    /// Calls the pass made.
    public var calls: Int
    /// Blocks allocated: `malloc`, `calloc`, `realloc`, and the aligned forms.
    public var allocations: Int
    /// Blocks freed.
    public var frees: Int
    /// Usable bytes of the blocks allocated.
    public var allocatedBytes: Int
    /// Usable bytes of the blocks freed.
    public var freedBytes: Int
    /// The most heap the calls held at once beyond what was in use before them, in bytes.
    public var peakBytes: Int
    /// The process that counted them (0 for the first).
    public var process: Int

    /// Creates counts.
    public init(
        calls: Int,
        allocations: Int,
        frees: Int,
        allocatedBytes: Int,
        freedBytes: Int,
        peakBytes: Int,
        process: Int = 0
    ) {
        self.calls = calls
        self.allocations = allocations
        self.frees = frees
        self.allocatedBytes = allocatedBytes
        self.freedBytes = freedBytes
        self.peakBytes = peakBytes
        self.process = process
    }

    /// Bytes the calls left allocated, over the pass: a leak, or state that grows, shows here.
    public var netBytes: Int { allocatedBytes - freedBytes }

    /// The pass's value of a counter metric: per call, or for ``Metric/peakBytes`` the pass's
    /// peak; `nil` for a time metric.
    public func value(of metric: Metric) -> Double? {
        let perCall = { (total: Int) in Double(total) / Double(max(calls, 1)) }
        switch metric {
        case .wallTime, .mean, .cpuTime: return nil
        case .allocations: return perCall(allocations)
        case .allocatedBytes: return perCall(allocatedBytes)
        case .netBytes: return perCall(netBytes)
        case .peakBytes: return Double(peakBytes)
        }
    }
}
