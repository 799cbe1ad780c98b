/// How the runner reads the clock around a benchmark's calls.
///
/// One clock read costs 22-39 ns on a typical Linux VM, so a call much shorter than a
/// microsecond cannot be timed alone: the clock would dominate the figure. Such calls are timed
/// in batches and each sample is the batch's time divided by its size. Longer calls are timed
/// one by one, so their percentiles are true per-call latencies.
public enum TimingMode: Sendable, Hashable {
    /// Batches when a call is estimated to take under ``batchingThreshold``, one by one otherwise.
    case automatic
    /// Every call is timed alone, whatever it costs: percentiles are per-call latencies.
    case perCall
    /// Calls are timed in batches of the given size, or of a size chosen from the clock's cost
    /// when `nil`: samples are batch means.
    case batched(size: Int?)

    /// Calls estimated shorter than this are batched by ``automatic``.
    public static let batchingThreshold: Duration = .microseconds(1)
}
