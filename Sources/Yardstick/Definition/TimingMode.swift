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

    /// Where `bench baseline update` lets an ``automatic`` benchmark change the mode its previous
    /// baseline recorded: a batched one turns to per-call timing only when its calls are
    /// estimated above the upper bound (twice ``batchingThreshold``), a per-call one to batches
    /// only below the lower bound (half of it). Within the band the previous plan, batch size
    /// included, is kept.
    ///
    /// Why a factor of two each way: this machine's speed levels differ by up to 1.7x between
    /// processes (a memory-bound benchmark at 10.8 µs in some, 21.5 µs in others; whole
    /// processes 1.4x slow), which moved benchmarks of 0.7-0.8 µs across the threshold from one
    /// process to the next. A band wider than those levels on both sides leaves them unable to
    /// switch a mode; a change of the code that doubles or halves a call still does.
    public static let hysteresisBand: ClosedRange<Duration> = .nanoseconds(500) ... .microseconds(2)
}
