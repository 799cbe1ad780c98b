/// The mutable state of one benchmark during a ``Runner``'s run: what it has prepared, its
/// timing plan once decided, its rounds and counts so far, its failure, and the time its own
/// phases have used against its time limit.
///
/// A class, because every phase of the run updates the same benchmark's state in place; it
/// never leaves the runner's task.
final class BenchmarkSession {
    let entry: RunPlan.Entry
    let suiteName: String
    var prepared: PreparedBenchmark?
    var timing: TimingPlan?
    var rounds: [RoundMeasurement] = []
    var counts: AllocationCounts?
    var failure: BenchmarkFailure?
    /// Time spent in this benchmark's own phases, against its time limit.
    var elapsedNanoseconds: UInt64 = 0
    private var nextCallIndex = 0

    init(_ entry: RunPlan.Entry, suite: String) {
        self.entry = entry
        self.suiteName = suite
    }

    /// Whether the benchmark is set up, has not failed and has rounds left to run.
    var isActive: Bool {
        prepared != nil && failure == nil && rounds.count < entry.configuration.rounds
    }

    /// Reserves the next `count` call indices and returns the first.
    func takeCallIndices(_ count: Int) -> Int {
        defer { nextCallIndex &+= count }
        return nextCallIndex
    }

    /// Records the benchmark's failure and reports it.
    func fail(_ kind: BenchmarkFailure.Kind, _ message: String, _ events: (RunEvent) -> Void) {
        let failure = BenchmarkFailure(kind, message)
        self.failure = failure
        events(.failed(benchmark: entry.fullName, failure: failure))
    }

    /// What was measured, for the run's result.
    var measurement: BenchmarkMeasurement {
        BenchmarkMeasurement(
            name: entry.fullName,
            suite: suiteName,
            configuration: entry.configuration,
            timing: timing,
            rounds: rounds,
            failure: failure,
            elapsedNanoseconds: elapsedNanoseconds,
            counts: counts
        )
    }
}
