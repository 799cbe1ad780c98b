/// A reason is written as an object: its `kind`, its fields, and, when the encoder was handed a
/// ``JudgementWording``, the sentence reports print as `message`. Files written before reasons
/// had fields hold the sentence alone, a string, which reads back as ``JudgementReason/text(_:)``;
/// so does an object of a kind this version does not know, by its `message`.
extension JudgementReason: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, message, failure, metric, differences, baselineBatched, currentBatched, baseBatched, headBatched
        case baselineName, lowest, highest, rounds, acrossProcesses, smallestPValue, comparisons, neededPValue
        case change, adjustedPValue, pValue, tolerance, noise, layoutShift, baseline, current, spread, value, limit
    }

    /// The name of the case, as a results file records it.
    public var kind: String {
        switch self {
        case .failed: "failed"
        case .notInBaseline: "notInBaseline"
        case .failedInBaseline: "failedInBaseline"
        case .baselineHasNoRounds: "baselineHasNoRounds"
        case .foreignBaseline: "foreignBaseline"
        case .timingModeChanged: "timingModeChanged"
        case .missingFromRun: "missingFromRun"
        case .judgedAgainstForeignBaseline: "judgedAgainstForeignBaseline"
        case .notInBase: "notInBase"
        case .failedInBase: "failedInBase"
        case .sidesDiffer: "sidesDiffer"
        case .timingModesDiffer: "timingModesDiffer"
        case .missingFromHead: "missingFromHead"
        case .baselineLacksMetric: "baselineLacksMetric"
        case .tooFewRounds: "tooFewRounds"
        case .roundsMeasuredZero: "roundsMeasuredZero"
        case .ratioOutOfRange: "ratioOutOfRange"
        case .noiseOutOfRange: "noiseOutOfRange"
        case .processWithoutValue: "processWithoutValue"
        case .tooFewProcesses: "tooFewProcesses"
        case .cannotReachSignificance: "cannotReachSignificance"
        case .beyondThreshold: "beyondThreshold"
        case .noiseExceedsTolerance: "noiseExceedsTolerance"
        case .withinNoise: "withinNoise"
        case .withinMachineLevel: "withinMachineLevel"
        case .beyondToleranceAndLayoutShift: "beyondToleranceAndLayoutShift"
        case .withinLayoutShift: "withinLayoutShift"
        case .undetectableAcrossProcesses: "undetectableAcrossProcesses"
        case .controlMoved: "controlMoved"
        case .countChanged: "countChanged"
        case .overBudget: "overBudget"
        case .budgetNotChecked: "budgetNotChecked"
        case .text: "text"
        }
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func metric() throws -> Metric { try c.decode(Metric.self, forKey: .metric) }
        func number(_ key: CodingKeys) throws -> Double { try c.decode(Double.self, forKey: key) }
        func flag(_ key: CodingKeys) throws -> Bool { try c.decode(Bool.self, forKey: key) }
        func string(_ key: CodingKeys) throws -> String { try c.decode(String.self, forKey: key) }
        switch try c.decode(String.self, forKey: .kind) {
        case "failed": self = .failed(message: try string(.failure))
        case "notInBaseline": self = .notInBaseline
        case "failedInBaseline": self = .failedInBaseline(message: try string(.failure))
        case "baselineHasNoRounds": self = .baselineHasNoRounds
        case "foreignBaseline": self = .foreignBaseline(differences: try c.decode([EnvironmentDifference].self, forKey: .differences))
        case "timingModeChanged": self = .timingModeChanged(baselineBatched: try flag(.baselineBatched), currentBatched: try flag(.currentBatched))
        case "missingFromRun": self = .missingFromRun(baseline: try string(.baselineName))
        case "judgedAgainstForeignBaseline": self = .judgedAgainstForeignBaseline
        case "notInBase": self = .notInBase
        case "failedInBase": self = .failedInBase(message: try string(.failure))
        case "sidesDiffer": self = .sidesDiffer(differences: try c.decode([EnvironmentDifference].self, forKey: .differences))
        case "timingModesDiffer": self = .timingModesDiffer(baseBatched: try flag(.baseBatched), headBatched: try flag(.headBatched))
        case "missingFromHead": self = .missingFromHead
        case "baselineLacksMetric": self = .baselineLacksMetric(metric: try metric())
        case "tooFewRounds": self = .tooFewRounds(metric: try metric())
        case "roundsMeasuredZero": self = .roundsMeasuredZero(metric: try metric())
        case "ratioOutOfRange": self = .ratioOutOfRange(metric: try metric(), lowest: try number(.lowest), highest: try number(.highest))
        case "noiseOutOfRange": self = .noiseOutOfRange(metric: try metric())
        case "processWithoutValue": self = .processWithoutValue(metric: try metric())
        case "tooFewProcesses": self = .tooFewProcesses(metric: try metric())
        case "cannotReachSignificance":
            self = .cannotReachSignificance(
                metric: try metric(), rounds: try c.decode(RoundCounts.self, forKey: .rounds), acrossProcesses: try flag(.acrossProcesses),
                smallestPValue: try number(.smallestPValue), comparisons: try c.decode(Int.self, forKey: .comparisons),
                neededPValue: try number(.neededPValue)
            )
        case "beyondThreshold":
            self = .beyondThreshold(
                metric: try metric(), change: try number(.change), adjustedPValue: try number(.adjustedPValue),
                tolerance: try number(.tolerance), noise: try number(.noise)
            )
        case "noiseExceedsTolerance":
            self = .noiseExceedsTolerance(metric: try metric(), noise: try number(.noise), tolerance: try number(.tolerance))
        case "withinNoise":
            self = .withinNoise(
                metric: try metric(), change: try number(.change), adjustedPValue: try number(.adjustedPValue),
                tolerance: try number(.tolerance), noise: try number(.noise)
            )
        case "withinMachineLevel":
            self = .withinMachineLevel(
                metric: try metric(), change: try number(.change), adjustedPValue: try number(.adjustedPValue),
                lowest: try number(.lowest), highest: try number(.highest), tolerance: try number(.tolerance), noise: try number(.noise)
            )
        case "beyondToleranceAndLayoutShift":
            self = .beyondToleranceAndLayoutShift(
                metric: try metric(), change: try number(.change), adjustedPValue: try number(.adjustedPValue),
                tolerance: try number(.tolerance), layoutShift: try number(.layoutShift)
            )
        case "withinLayoutShift":
            self = .withinLayoutShift(
                metric: try metric(), change: try number(.change), adjustedPValue: try number(.adjustedPValue), layoutShift: try number(.layoutShift)
            )
        case "undetectableAcrossProcesses":
            self = .undetectableAcrossProcesses(metric: try metric(), noise: try number(.noise), tolerance: try number(.tolerance))
        case "controlMoved": self = .controlMoved(metric: try metric(), change: try number(.change), pValue: try number(.pValue))
        case "countChanged":
            self = .countChanged(
                metric: try metric(), baseline: try number(.baseline), current: try number(.current),
                tolerance: try number(.tolerance), spread: try number(.spread)
            )
        case "overBudget": self = .overBudget(metric: try metric(), value: try number(.value), limit: try number(.limit))
        case "budgetNotChecked": self = .budgetNotChecked(metric: try metric())
        case let kind:
            self = .text(try c.decodeIfPresent(String.self, forKey: .message) ?? kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        if case .text(let text) = self {
            try c.encode(text, forKey: .message)
            return
        }
        try c.encodeIfPresent(encoder.judgementWording?.reason(self), forKey: .message)
        switch self {
        case .failed(let message), .failedInBaseline(let message), .failedInBase(let message):
            try c.encode(message, forKey: .failure)
        case .notInBaseline, .baselineHasNoRounds, .judgedAgainstForeignBaseline, .notInBase, .missingFromHead, .text:
            break
        case .foreignBaseline(let differences), .sidesDiffer(let differences):
            try c.encode(differences, forKey: .differences)
        case let .timingModeChanged(baselineBatched, currentBatched):
            try c.encode(baselineBatched, forKey: .baselineBatched)
            try c.encode(currentBatched, forKey: .currentBatched)
        case let .timingModesDiffer(baseBatched, headBatched):
            try c.encode(baseBatched, forKey: .baseBatched)
            try c.encode(headBatched, forKey: .headBatched)
        case .missingFromRun(let baseline):
            try c.encode(baseline, forKey: .baselineName)
        case .baselineLacksMetric(let metric), .tooFewRounds(let metric), .roundsMeasuredZero(let metric), .noiseOutOfRange(let metric),
             .processWithoutValue(let metric), .tooFewProcesses(let metric), .budgetNotChecked(let metric):
            try c.encode(metric, forKey: .metric)
        case let .ratioOutOfRange(metric, lowest, highest):
            try c.encode(metric, forKey: .metric)
            try c.encode(lowest, forKey: .lowest)
            try c.encode(highest, forKey: .highest)
        case let .cannotReachSignificance(metric, rounds, acrossProcesses, smallestPValue, comparisons, neededPValue):
            try c.encode(metric, forKey: .metric)
            try c.encode(rounds, forKey: .rounds)
            try c.encode(acrossProcesses, forKey: .acrossProcesses)
            try c.encode(smallestPValue, forKey: .smallestPValue)
            try c.encode(comparisons, forKey: .comparisons)
            try c.encode(neededPValue, forKey: .neededPValue)
        case let .beyondThreshold(metric, change, adjustedPValue, tolerance, noise),
             let .withinNoise(metric, change, adjustedPValue, tolerance, noise):
            try c.encode(metric, forKey: .metric)
            try c.encode(change, forKey: .change)
            try c.encode(adjustedPValue, forKey: .adjustedPValue)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(noise, forKey: .noise)
        case let .noiseExceedsTolerance(metric, noise, tolerance), let .undetectableAcrossProcesses(metric, noise, tolerance):
            try c.encode(metric, forKey: .metric)
            try c.encode(noise, forKey: .noise)
            try c.encode(tolerance, forKey: .tolerance)
        case let .withinMachineLevel(metric, change, adjustedPValue, lowest, highest, tolerance, noise):
            try c.encode(metric, forKey: .metric)
            try c.encode(change, forKey: .change)
            try c.encode(adjustedPValue, forKey: .adjustedPValue)
            try c.encode(lowest, forKey: .lowest)
            try c.encode(highest, forKey: .highest)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(noise, forKey: .noise)
        case let .beyondToleranceAndLayoutShift(metric, change, adjustedPValue, tolerance, layoutShift):
            try c.encode(metric, forKey: .metric)
            try c.encode(change, forKey: .change)
            try c.encode(adjustedPValue, forKey: .adjustedPValue)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(layoutShift, forKey: .layoutShift)
        case let .withinLayoutShift(metric, change, adjustedPValue, layoutShift):
            try c.encode(metric, forKey: .metric)
            try c.encode(change, forKey: .change)
            try c.encode(adjustedPValue, forKey: .adjustedPValue)
            try c.encode(layoutShift, forKey: .layoutShift)
        case let .controlMoved(metric, change, pValue):
            try c.encode(metric, forKey: .metric)
            try c.encode(change, forKey: .change)
            try c.encode(pValue, forKey: .pValue)
        case let .countChanged(metric, baseline, current, tolerance, spread):
            try c.encode(metric, forKey: .metric)
            try c.encode(baseline, forKey: .baseline)
            try c.encode(current, forKey: .current)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(spread, forKey: .spread)
        case let .overBudget(metric, value, limit):
            try c.encode(metric, forKey: .metric)
            try c.encode(value, forKey: .value)
            try c.encode(limit, forKey: .limit)
        }
    }
}
