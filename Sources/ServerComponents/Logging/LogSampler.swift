/// The sampling policy of a logger: the fraction of entries kept at each level, applied
/// deterministically, with a count of the entries dropped.
///
/// ```swift
/// // Errors and everything above always, info one line in ten, debug one in a hundred.
/// let sampler = LogSampler(rates: [.info: 0.1, .debug: 0.01])
/// ```
///
/// Each level has an accumulator, not a random draw: every entry adds r to it, and an entry
/// that takes it above zero is kept and takes 1 off. So the first entry of a level is kept,
/// and of the first n entries exactly ⌈n·r⌉ are, evenly spaced (with r = 0.1, the 1st, 11th,
/// 21st, …): tests and reruns see the same lines. Rates are rounded to millionths.
///
/// The accumulators are shared by every copy of a logger that holds this sampler (the loggers
/// from ``Logger/with(metadata:)`` included), and by every thread: the rate applies to the
/// entries of all of them together. A level kept in full never takes the lock.
public final class LogSampler: @unchecked Sendable {
    /// Keeps every entry at every level.
    public static let keepingAll = LogSampler()

    /// The unit of the accumulators: rates are counted in millionths.
    private static let scale: Int64 = 1_000_000

    /// Each level's rate in millionths, indexed by ``LogLevel/severity``.
    private let ratesInMillionths: [Int64]
    /// Guards `credits` and `dropped`.
    private let lock = Lock()
    /// Each level's accumulator, in millionths of an entry: an entry adds its level's rate,
    /// and is kept if that takes the accumulator above zero, which then loses a whole entry.
    private var credits: [Int64]
    /// Entries dropped at each level.
    private var dropped: [Int]

    /// A sampler keeping `rates[level]` of the entries at each level (0 drops every entry, 1
    /// keeps every entry); levels without a rate keep every entry. Rates outside 0…1 are
    /// clamped, and a rate that is not a number keeps every entry.
    public init(rates: [LogLevel: Double] = [:]) {
        ratesInMillionths = LogLevel.allCases.map { level in
            guard let rate = rates[level], !rate.isNaN else { return Self.scale }
            return Int64((min(max(rate, 0), 1) * Double(Self.scale)).rounded())
        }
        credits = Array(repeating: 0, count: LogLevel.allCases.count)
        dropped = Array(repeating: 0, count: LogLevel.allCases.count)
    }

    /// The fraction of entries kept at `level`, as rounded to millionths.
    public func rate(at level: LogLevel) -> Double {
        Double(ratesInMillionths[level.severity]) / Double(Self.scale)
    }

    /// Decides whether the next entry at `level` is written, and counts it as dropped if not.
    ///
    /// - Complexity: O(1); takes the lock only at a sampled level.
    public func shouldKeep(_ level: LogLevel) -> Bool {
        let rate = ratesInMillionths[level.severity]
        if rate >= Self.scale { return true }
        return lock.withLock {
            let index = level.severity
            credits[index] += rate
            if credits[index] > 0 {
                credits[index] -= Self.scale
                return true
            }
            dropped[index] += 1
            return false
        }
    }

    /// Entries dropped at `level` since the sampler was created.
    public func droppedCount(at level: LogLevel) -> Int {
        lock.withLock { dropped[level.severity] }
    }

    /// Entries dropped at all levels since the sampler was created.
    public var droppedCount: Int {
        lock.withLock { dropped.reduce(0, +) }
    }
}
