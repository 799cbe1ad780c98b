/// Raw samples, thinned evenly when there are more than the cap, in the order measured.
public struct RecordedSamples: Sendable, Hashable {
    /// The kept samples, nanoseconds per call.
    public var values: [Double]
    /// How many samples were measured in all.
    public var total: Int
    /// The most that are kept.
    public var cap: Int

    /// Keeps every *k*-th of `all` (the smallest *k* that fits the cap), so the kept samples
    /// span the whole run. Values are kept at full precision, so that statistics recomputed from
    /// a file agree with the ones it reports.
    public init(_ all: [Double], cap: Int) {
        let stride = all.count <= cap ? 1 : (all.count + cap - 1) / max(cap, 1)
        values = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }
        total = all.count
        self.cap = cap
    }
}
