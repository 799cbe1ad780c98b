/// How a benchmark is run: warmup, iterations, rounds, time limit, throughput unit, tags, and
/// whether it is a negative control.
///
/// Every field is optional, so configurations layer: the built-in defaults, then the suite's
/// configuration, then the benchmark's, then the command line. A field set in a later layer wins;
/// tags are the union of all layers. ``resolved(over:)`` produces the concrete values the
/// runner uses.
///
/// ```swift
/// Suite("cache", configuration: .init(iterations: 10_000)) {
///     Benchmark("set", configuration: .init(iterations: 5_000)) { i in cache.set(i, i) }
/// }
/// ```
public struct BenchmarkConfiguration: Sendable, Hashable {
    /// Calls run and discarded before every round, so each round starts warm even though the
    /// rounds of other benchmarks ran in between. Default: a tenth of ``iterations``, at least 1.
    public var warmupIterations: Int?
    /// Calls timed in each round. Default: 1,000.
    public var iterations: Int?
    /// Rounds of ``iterations`` calls; each round contributes one median, the unit of
    /// comparison between runs. Default: 20: a process's fastest round, which `bench ab`
    /// compares, steadies with more rounds (on a shared 2-core VM, 20 rounds gave at least 90%
    /// power against a 10% slowdown to 28 of 31 benchmarks, 10 rounds to 24).
    public var rounds: Int?
    /// The longest the whole benchmark (set-up, warmup and every round) may take before it is
    /// stopped and reported as an error. Default: 60 seconds.
    public var timeLimit: Duration?
    /// What one call processes, for throughput figures. Default: one operation.
    public var throughput: Throughput?
    /// Whether calls are timed one by one or in batches. Default: ``TimingMode/automatic``.
    public var timing: TimingMode?
    /// Labels for selecting and grouping benchmarks; merged across layers.
    public var tags: Set<String>
    /// How much the median wall time per call may change before it counts. Default: 5%.
    public var tolerance: Tolerance?
    /// The significance level of the comparison with the baseline, after Holm's correction
    /// across the suite. Default: 0.01.
    public var alpha: Double?
    /// Comparisons with the baseline on other metrics, such as p99 or CPU time, each with its own
    /// tolerance; merged across layers, a later layer's gate replacing one on the same metric.
    /// The median's tolerance is ``tolerance``, not a gate.
    public var gates: [Gate]
    /// Absolute limits checked on every run, with or without a baseline; merged like ``gates``.
    public var budgets: [Budget]
    /// Whether the benchmark is a negative control: code that no change under test can touch,
    /// such as a suite's physical floor (a plain `Dictionary` beside a cache). `bench ab` reads a
    /// control that moves between two builds as a code-layout effect of that build pair, and
    /// judges the suite's other changes of up to that size as noisy. Default: `false`.
    public var isControl: Bool?

    /// Creates a configuration that sets only the given fields.
    public init(
        warmupIterations: Int? = nil,
        iterations: Int? = nil,
        rounds: Int? = nil,
        timeLimit: Duration? = nil,
        throughput: Throughput? = nil,
        timing: TimingMode? = nil,
        tags: Set<String> = [],
        tolerance: Tolerance? = nil,
        alpha: Double? = nil,
        gates: [Gate] = [],
        budgets: [Budget] = [],
        isControl: Bool? = nil
    ) {
        self.warmupIterations = warmupIterations
        self.iterations = iterations
        self.rounds = rounds
        self.timeLimit = timeLimit
        self.throughput = throughput
        self.timing = timing
        self.tags = tags
        self.tolerance = tolerance
        self.alpha = alpha
        self.gates = gates
        self.budgets = budgets
        self.isControl = isControl
    }

    /// This configuration with every field that `other` sets taken from `other`.
    public func overridden(by other: BenchmarkConfiguration) -> BenchmarkConfiguration {
        BenchmarkConfiguration(
            warmupIterations: other.warmupIterations ?? warmupIterations,
            iterations: other.iterations ?? iterations,
            rounds: other.rounds ?? rounds,
            timeLimit: other.timeLimit ?? timeLimit,
            throughput: other.throughput ?? throughput,
            timing: other.timing ?? timing,
            tags: tags.union(other.tags),
            tolerance: other.tolerance ?? tolerance,
            alpha: other.alpha ?? alpha,
            gates: gates.filter { gate in !other.gates.contains { $0.metric == gate.metric } } + other.gates,
            budgets: budgets.filter { budget in !other.budgets.contains { $0.metric == budget.metric } } + other.budgets,
            isControl: other.isControl ?? isControl
        )
    }

    /// The concrete values for a run: the built-in defaults, overridden by this configuration.
    public func resolved() -> ResolvedConfiguration {
        let iterations = iterations ?? ResolvedConfiguration.defaultIterations
        return ResolvedConfiguration(
            warmupIterations: warmupIterations ?? max(1, iterations / 10),
            iterations: iterations,
            rounds: rounds ?? ResolvedConfiguration.defaultRounds,
            timeLimit: timeLimit ?? ResolvedConfiguration.defaultTimeLimit,
            throughput: throughput ?? .operations(1),
            timing: timing ?? .automatic,
            tags: tags.sorted(),
            tolerance: tolerance ?? .default,
            alpha: alpha ?? ResolvedConfiguration.defaultAlpha,
            gates: gates,
            budgets: budgets,
            isControl: isControl ?? false
        )
    }
}

/// The configuration a benchmark actually ran with: every field has a value.
public struct ResolvedConfiguration: Sendable, Hashable {
    /// Calls discarded before every round.
    public var warmupIterations: Int
    /// Calls timed in each round.
    public var iterations: Int
    /// Rounds of ``iterations`` calls.
    public var rounds: Int
    /// The longest the benchmark may take in all.
    public var timeLimit: Duration
    /// What one call processes.
    public var throughput: Throughput
    /// How calls are timed.
    public var timing: TimingMode
    /// Labels, sorted.
    public var tags: [String]
    /// The median's tolerance.
    public var tolerance: Tolerance
    /// The significance level, after Holm's correction.
    public var alpha: Double
    /// Comparisons on other metrics.
    public var gates: [Gate]
    /// Absolute limits.
    public var budgets: [Budget]
    /// Whether it is a negative control (see ``BenchmarkConfiguration/isControl``).
    public var isControl: Bool

    /// Every timed comparison with the baseline this benchmark makes: the median first, then
    /// the timed ``gates``.
    public var allGates: [Gate] { [Gate(metric: .median, tolerance: tolerance)] + gates.filter { !$0.metric.isCounter } }

    /// The comparisons of counts this benchmark makes: every counter, with the default
    /// tolerance (``Gate/defaultCounterGates``) unless ``gates`` sets one.
    public var counterGates: [Gate] {
        Gate.defaultCounterGates.map { gate in gates.first { $0.metric == gate.metric } ?? gate }
    }

    static let defaultIterations = 1_000
    static let defaultRounds = 20
    static let defaultTimeLimit = Duration.seconds(60)
    static let defaultAlpha = 0.01
    /// Longer limits are refused: a benchmark that may run for more than a week has no limit.
    static let longestTimeLimit = Duration.seconds(604_800)

    /// Checks the values a user can get wrong, returning a description of the first problem.
    func validationProblem() -> String? {
        if iterations < 1 { return "iterations must be at least 1, got \(iterations)" }
        if rounds < 1 { return "rounds must be at least 1, got \(rounds)" }
        if warmupIterations < 0 { return "warmup iterations must not be negative, got \(warmupIterations)" }
        if timeLimit <= .zero || timeLimit > Self.longestTimeLimit {
            return "the time limit must be more than zero and at most a week, got \(Formatting.duration(timeLimit))"
        }
        if throughput.unitsPerCall < 1 { return "throughput must count at least 1 unit per call" }
        if case .batched(let size?) = timing, size < 1 { return "the batch size must be at least 1, got \(size)" }
        if !(alpha > 0 && alpha < 1) { return "alpha must be between 0 and 1, got \(alpha)" }
        for gate in allGates + counterGates {
            if case .count(let amount) = gate.tolerance, !(amount >= 0 && amount.isFinite) {
                return "the \(gate.metric) tolerance must be a count of at least 0, got \(amount)"
            }
            if case .relative(let fraction) = gate.tolerance, !(fraction >= 0 && fraction.isFinite) {
                return "the \(gate.metric) tolerance must be a fraction of at least 0, got \(fraction)"
            }
            if case .absolute(let duration) = gate.tolerance, duration < .zero {
                return "the \(gate.metric) tolerance must not be negative, got \(Formatting.duration(duration))"
            }
        }
        if gates.contains(where: { $0.metric == .mean }) {
            return "the mean is a budget (`.mean(under:)`), not a gate: gates compare rounds, and a round records percentiles"
        }
        if gates.contains(where: { $0.metric == .median }) {
            return "the median's tolerance is set with `tolerance`, not with a p50 gate"
        }
        if let budget = budgets.first(where: { !$0.isValid }) {
            return "the \(budget.metric) budget must be \(budget.metric.isCounter ? "at least zero" : "positive"), got "
                + budget.metric.format(budget.limit)
        }
        if let gate = counterGates.first(where: { if case .absolute = $0.tolerance { true } else { false } }) {
            return "the \(gate.metric) tolerance is a count (`.count(1)`) or a fraction, not a duration"
        }
        if let gate = allGates.first(where: { if case .count = $0.tolerance { true } else { false } }) {
            return "the \(gate.metric) tolerance is a fraction or a duration, not a count"
        }
        return nil
    }
}
