import Foundation

/// How a side-by-side comparison turns one process's rounds of a benchmark into the one number
/// per process that it ranks.
///
/// Each benchmark is estimated in three ways, and ``ABJudge`` uses the one with the smallest
/// minimum detectable change in the run's own processes (each side centred on its own median,
/// so a real change between the sides cannot sway the choice):
/// - ``Kind/fastestRound``: the process's fastest round. A round disturbed by the machine is only
///   ever slower, so the fastest round is the one least disturbed; on 48 processes of every
///   suite on a shared 2-core VM it varied between processes by 0.9% for the typical benchmark
///   (2% or less for 24 of 31), where the median round varied by 14% (`docs/ab-estimator-study.md`).
/// - ``Kind/fastestRoundOverControl``: that, divided by the fastest round of a control of the
///   same suite in the same process. A process that runs wholly 1.45x slow (seen here) slows
///   both alike, and the ratio cancels it.
/// - ``Kind/roundRatioToControl``: the median over rounds of the benchmark's round over the
///   control's round of the same number. Rounds of all benchmarks interleave, so round *k* of
///   both met the same moment of the machine; a benchmark whose speed swings from round to round
///   with memory traffic (a cache that evicts, a growing dictionary) is steadied by it.
///
/// A control itself, and a benchmark whose suite has no control or whose controls moved between
/// the builds (a ratio to a moved control is no evidence), uses the fastest round only.
public struct ProcessEstimator: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The three estimators.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The fastest round.
        case fastestRound = "fastest-round"
        /// The fastest round over the control's fastest round.
        case fastestRoundOverControl = "fastest-round-over-control"
        /// The median of per-round ratios to the control.
        case roundRatioToControl = "round-ratio-to-control"
    }

    /// Which estimator.
    public var kind: Kind
    /// The control it divides by, for the ratios.
    public var control: String?

    /// The fastest round.
    public static let fastestRound = ProcessEstimator(kind: .fastestRound, control: nil)

    /// An estimator of `kind`, relative to `control` for the ratios.
    public init(kind: Kind, control: String?) {
        self.kind = kind
        self.control = control
    }

    /// `fastest round`, `fastest round ÷ cache.reference.dictionary-get's`, `round by round ÷ …`.
    public var description: String {
        switch kind {
        case .fastestRound: "fastest round"
        case .fastestRoundOverControl: "fastest round ÷ \(control ?? "control")'s fastest"
        case .roundRatioToControl: "round by round ÷ \(control ?? "control")"
        }
    }

    /// The estimate of one process from its round values and, for the ratios, the control's
    /// round values in the same process (in run order); `nil` when a value needed is missing
    /// or not positive.
    public func estimate(_ values: [Double], control controlValues: [Double]?) -> Double? {
        guard let fastest = values.min(), fastest > 0, fastest.isFinite else { return nil }
        switch kind {
        case .fastestRound:
            return fastest
        case .fastestRoundOverControl:
            guard let controlFastest = controlValues?.min(), controlFastest > 0, controlFastest.isFinite else { return nil }
            return fastest / controlFastest
        case .roundRatioToControl:
            guard let controlValues, !controlValues.isEmpty, controlValues.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
            return Sample(zip(values, controlValues).map { $0 / $1 })?.median
        }
    }

    /// The estimate of one process from its rounds in run order, `nil` where a round recorded
    /// no value. Round by round, round *k* pairs with the control's round *k* (rounds of all
    /// benchmarks interleave, so they ran in the same pass), and a pair missing either value
    /// is skipped rather than letting later rounds slide onto the wrong partners.
    func estimate(rounds: [Double?], controlRounds: [Double?]?) -> Double? {
        guard kind == .roundRatioToControl else {
            return estimate(rounds.compactMap { $0 }, control: controlRounds?.compactMap { $0 })
        }
        guard let controlRounds else { return nil }
        let pairs = zip(rounds, controlRounds).compactMap { value, control in value.flatMap { value in control.map { (value, $0) } } }
        return estimate(pairs.map(\.0), control: pairs.map(\.1))
    }

    /// How much per-process estimates vary within each side: the median, over every estimate,
    /// of its distance from its own side's median on a log scale, so the change between the
    /// sides does not count. Reports show it beside the minimum detectable change.
    static func withinSideSpread(_ sides: [[Double]]) -> Double {
        let distances = sides.flatMap { values -> [Double] in
            guard let centre = Sample(values.map { log($0) })?.median else { return [] }
            return values.map { abs(log($0) - centre) }
        }
        return Sample(distances)?.median ?? .infinity
    }
}

/// The per-process estimates a side-by-side comparison ranked, in each side's process order.
public struct ProcessEstimates: Sendable, Hashable, Codable {
    /// The base's, one per base process.
    public var base: [Double]
    /// The head's, one per head process.
    public var head: [Double]
}
