/// Progress of a run, reported as it happens (outside every timing window).
public enum RunEvent: Sendable, Hashable {
    /// Set-up is about to begin for `benchmarks` benchmarks that run up to `rounds` rounds.
    case started(benchmarks: Int, rounds: Int)
    /// A benchmark's round is about to be measured (`round` counts from 1).
    case measuring(benchmark: String, round: Int, rounds: Int)
    /// A benchmark stopped with an error; the run goes on without it.
    case failed(benchmark: String, failure: BenchmarkFailure)
    /// Every active benchmark finished round `round` (counting from 1).
    case roundFinished(round: Int, rounds: Int)
    /// Tear-down is done.
    case finished
}
