extension RunWarning {
    /// The warning in one plain sentence, as the console, Markdown and HTML print it (each
    /// escaping it for its format) and as results files record it in `message`.
    public var text: String {
        switch self {
        case .machineLevel(let level):
            Self.summary(of: level)
        case .baselineWithoutCounts:
            "the baseline has no allocation counts (it was recorded before they were counted), so counts were not "
                + "judged; 'bench baseline update' records them"
        case .fewBaselineProcesses(let processes):
            "the baseline was measured in \(Formatting.counted(processes, "process")): it cannot show how much "
                + "benchmarks vary between processes; record it with 'bench baseline update --processes 5'"
        case .debugBuild:
            "a side is a DEBUG build: its timings say nothing about release speed; compare release builds"
        case .layoutUncontrolled(let side):
            "the \(side.rawValue) executable was built outside bench ab, so its code layout is not controlled: build both sides "
                + "with \(ABBuilder.layoutFlags.joined(separator: " ")), or let bench ab build them"
        case .layoutShift(let shift):
            "layout shift in suite '\(shift.suite)': its control \(shift.control) moved \(Formatting.signedPercent(shift.change)) "
                + "(p=\(Formatting.pValue(shift.pValue))) though no change can touch it, so this build pair moves code by about that "
                + "much; changes of up to \(Formatting.percent(abs(shift.change))) in the suite are judged noisy"
        case let .mergedShards(shards, seeds):
            "merged from \(Formatting.counted(shards, "shard")), each with its own process order: seeds "
                + seeds.map { "\($0.seed) (shard \($0.shard))" }.joined(separator: ", ")
        case .text(let text):
            text
        }
    }

    /// `this machine is 39.5% faster than when the baseline was recorded (its 5 controls moved
    /// -42.4% to -36.1%): …`, the percentage being the median control's change in time per call.
    private static func summary(of level: MachineLevel) -> String {
        let change = level.change
        let direction = change < 0 ? "faster" : "slower"
        let controls = level.controls
        let span = controls.count == 1
            ? "\(controls[0].name) \(Formatting.signedPercent(controls[0].change))"
            : "its \(controls.count) controls moved \(Formatting.signedPercent(controls.map(\.change).min()!)) to "
                + Formatting.signedPercent(controls.map(\.change).max()!)
        return "this machine is \(Formatting.percent(abs(change))) \(direction) than when the baseline was recorded (\(span)): "
            + "changes within that are noisy (machine level changed), not regressions or improvements; "
            + "to judge a change of code, measure both builds side by side with 'bench ab'"
    }
}
