/// What one call of a benchmark's body processes, so that a time per call can be read as a rate.
public enum Throughput: Sendable, Hashable {
    /// The body performs this many logical operations per call (a batch insert of 100 rows is
    /// `.operations(100)`); the report gives operations per second.
    case operations(Int)
    /// The body processes this many bytes per call; the report gives bytes per second.
    case bytes(Int)

    /// The count per call, whatever the unit.
    public var unitsPerCall: Int {
        switch self {
        case .operations(let count), .bytes(let count): count
        }
    }

    /// The unit's name in reports: `ops` or `B`.
    public var unitSymbol: String {
        switch self {
        case .operations: "ops"
        case .bytes: "B"
        }
    }

    /// Units per second for a call that takes `nanosecondsPerCall`.
    public func rate(nanosecondsPerCall: Double) -> Double {
        guard nanosecondsPerCall > 0 else { return .infinity }
        return Double(unitsPerCall) * 1e9 / nanosecondsPerCall
    }
}
