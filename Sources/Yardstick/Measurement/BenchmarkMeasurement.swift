/// The raw outcome of measuring one benchmark: its rounds of samples, or the failure that ended it.
public struct BenchmarkMeasurement: Sendable {
    /// The full name, `suite.benchmark`.
    public var name: String
    /// The suite's name.
    public var suite: String
    /// The configuration it ran with.
    public var configuration: ResolvedConfiguration
    /// How its calls were timed; `nil` when it failed before its first round.
    public var timing: TimingPlan?
    /// The completed rounds, in the order they ran.
    public var rounds: [RoundMeasurement]
    /// Why it did not complete, if it did not. A failed benchmark is an error, never a pass,
    /// whatever its rounds show.
    public var failure: BenchmarkFailure?
    /// Wall time of its own set-up, batch-size trial, warmups and rounds, in nanoseconds.
    public var elapsedNanoseconds: UInt64
    /// What its counting pass allocated and retained; `nil` when it was not counted.
    public var counts: AllocationCounts?

    /// Creates a measurement.
    public init(
        name: String,
        suite: String,
        configuration: ResolvedConfiguration,
        timing: TimingPlan?,
        rounds: [RoundMeasurement],
        failure: BenchmarkFailure? = nil,
        elapsedNanoseconds: UInt64 = 0,
        counts: AllocationCounts? = nil
    ) {
        self.name = name
        self.suite = suite
        self.configuration = configuration
        self.timing = timing
        self.rounds = rounds
        self.failure = failure
        self.elapsedNanoseconds = elapsedNanoseconds
        self.counts = counts
    }
}

/// One round: `iterations` calls timed in windows of the benchmark's batch size.
public struct RoundMeasurement: Sendable, Hashable {
    /// Nanoseconds per call, one value per timing window, with the clock's overhead subtracted:
    /// single-call latencies when the batch size is 1, batch means otherwise.
    public var samples: [Double]
    /// Calls timed in the round.
    public var iterations: Int
    /// CPU time the whole process used during the round's timed calls, in nanoseconds; `nil`
    /// when the round was too short to measure it (see ``Runner``).
    public var cpuNanoseconds: Double?
    /// Which process measured the round, when results of several processes are merged; 0 for
    /// the first or only one.
    public var process: Int

    /// Creates a round.
    public init(samples: [Double], iterations: Int, cpuNanoseconds: Double?, process: Int = 0) {
        self.samples = samples
        self.iterations = iterations
        self.cpuNanoseconds = cpuNanoseconds
        self.process = process
    }
}
