/// A warning is written as an object: its `kind`, its fields, and, when the encoder was handed
/// a ``JudgementWording``, the sentence reports print as `message`. Files written before
/// warnings had fields hold the sentence alone, a string, which reads back as
/// ``RunWarning/text(_:)``; so does an object of a kind this version does not know.
extension RunWarning: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, message, controls, processes, side, suite, control, change, pValue, shards, seeds
    }

    /// The name of the case, as a results file records it.
    public var kind: String {
        switch self {
        case .machineLevel: "machineLevel"
        case .baselineWithoutCounts: "baselineWithoutCounts"
        case .fewBaselineProcesses: "fewBaselineProcesses"
        case .debugBuild: "debugBuild"
        case .layoutUncontrolled: "layoutUncontrolled"
        case .layoutShift: "layoutShift"
        case .mergedShards: "mergedShards"
        case .text: "text"
        }
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "machineLevel":
            let controls = try c.decode([MachineLevel.ControlChange].self, forKey: .controls)
            guard let level = MachineLevel(controls: controls) else {
                throw DecodingError.dataCorruptedError(forKey: .controls, in: c, debugDescription: "no control moved")
            }
            self = .machineLevel(level)
        case "baselineWithoutCounts": self = .baselineWithoutCounts
        case "fewBaselineProcesses": self = .fewBaselineProcesses(processes: try c.decode(Int.self, forKey: .processes))
        case "debugBuild": self = .debugBuild
        case "layoutUncontrolled": self = .layoutUncontrolled(side: try c.decode(ABSide.self, forKey: .side))
        case "layoutShift":
            self = .layoutShift(LayoutShift(
                suite: try c.decode(String.self, forKey: .suite), control: try c.decode(String.self, forKey: .control),
                change: try c.decode(Double.self, forKey: .change), pValue: try c.decode(Double.self, forKey: .pValue)
            ))
        case "mergedShards":
            self = .mergedShards(shards: try c.decode(Int.self, forKey: .shards), seeds: try c.decode([ShardSeed].self, forKey: .seeds))
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
        try c.encodeIfPresent(encoder.judgementWording?.warning(self), forKey: .message)
        switch self {
        case .machineLevel(let level):
            try c.encode(level.controls, forKey: .controls)
        case .fewBaselineProcesses(let processes):
            try c.encode(processes, forKey: .processes)
        case .layoutUncontrolled(let side):
            try c.encode(side, forKey: .side)
        case .layoutShift(let shift):
            try c.encode(shift.suite, forKey: .suite)
            try c.encode(shift.control, forKey: .control)
            try c.encode(shift.change, forKey: .change)
            try c.encode(shift.pValue, forKey: .pValue)
        case let .mergedShards(shards, seeds):
            try c.encode(shards, forKey: .shards)
            try c.encode(seeds, forKey: .seeds)
        case .baselineWithoutCounts, .debugBuild, .text:
            break
        }
    }
}
