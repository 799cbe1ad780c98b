import Foundation

/// The verdicts of a judged run as text: one row per benchmark with the comparison that decided
/// its verdict (the median's unless another gate's was more severe, which the row names), the
/// reasons for every verdict that is not *unchanged*, the counts per verdict, and warnings.
public struct VerdictTable {
    private let judgement: RunJudgement

    /// A table of `judgement`.
    public init(_ judgement: RunJudgement) {
        self.judgement = judgement
    }

    /// The rendered table.
    public func render() -> String {
        guard let baseline = judgement.baseline else { return renderWithoutBaseline() }
        let ab = judgement.ab
        var text = ab.map(Self.describe) ?? "against baseline '\(baseline.name)' (\(Self.describe(baseline)))\n"
        if judgement.refusesForeignBaseline {
            text += ab == nil ? "not judged: the baseline comes from another environment\n" : "not judged: the base and head were built or measured differently\n"
        }
        if let level = judgement.machineLevel {
            text += "! \(RunWarning.machineLevel(level).text)\n"
        }
        var columns: [(String, TextTable.Alignment)] = [
            ("benchmark", .left), (ab == nil ? "baseline" : "base", .right), (ab == nil ? "current" : "head", .right), ("change", .right),
            ("95% interval", .right), ("p", .right), ("noise", .right),
        ]
        if ab != nil { columns.append(("per process", .left)) }
        columns += [("allocs", .right), ("verdict", .left)]
        var table = TextTable(columns)
        for benchmark in judgement.benchmarks {
            guard let deciding = benchmark.decidingComparison else {
                table.append([benchmark.name] + Array(repeating: "", count: columns.count - 2) + [benchmark.verdict.symbol])
                continue
            }
            var row = [benchmark.name] + Self.figures(of: deciding)
            if ab != nil { row.append(deciding.estimator.map(Self.abbreviate) ?? "") }
            row += [Self.allocations(of: benchmark), benchmark.verdict.symbol]
            table.append(row)
        }
        text += table.render()
        text += notes()
        text += counts() + "\n"
        if ab != nil {
            text += "base, head: median over processes of each one's fastest round; change: of the per-process values, with a 95% "
                + "bootstrap interval; p: Mann-Whitney U across processes, Holm-adjusted per suite; noise: the smallest change these "
                + "processes show 9 times in 10; per process: fastest round, or ÷ the control named, fastest against fastest (÷) or "
                + "round by round (rounds ÷); allocs: heap allocations per call, counted exactly (~: they vary between processes).\n"
        } else {
            text += "change: median of this run's round medians over the baseline's; p: Mann-Whitney U, Holm-adjusted per suite; "
                + "noise: the smallest change that can be told from noise; allocs: heap allocations per call, counted exactly "
                + "(~: they vary between processes).\n"
        }
        if Self.showsOtherGates(judgement) { text += Self.otherGatesNote + ".\n" }
        return text
    }

    /// The figures of a comparison as every verdict table shows them, in its columns' order:
    /// baseline, current, change, 95% interval, p, noise.
    static func figures(of comparison: MetricComparison) -> [String] {
        [
            Formatting.duration(nanoseconds: comparison.baselineNanoseconds),
            Formatting.duration(nanoseconds: comparison.currentNanoseconds),
            change(of: comparison),
            "\(Formatting.signedPercent(comparison.change.lower)) … \(Formatting.signedPercent(comparison.change.upper))",
            Formatting.pValue(comparison.adjustedPValue),
            "±" + Formatting.percent(comparison.minimumDetectableChange),
        ]
    }

    /// The change of `comparison`, naming its metric when it is not the median's: `+3.10%`,
    /// `p99 +52.0%`.
    static func change(of comparison: MetricComparison) -> String {
        let change = Formatting.signedPercent(comparison.change.point)
        return comparison.metric == .median ? change : "\(comparison.metric) \(change)"
    }

    /// Whether a row shows another gate's comparison than the median's.
    static func showsOtherGates(_ judgement: RunJudgement) -> Bool {
        judgement.benchmarks.contains { ($0.decidingComparison?.metric).map { $0 != .median } ?? false }
    }

    /// What a change named after a gate means, for the legends of the tables that show one.
    static let otherGatesNote = "p99 +52.0% (a change named after a gate): that gate's comparison fills the row, because it "
        + "decided the verdict"

    /// Allocations per call: `0`, or `0 → 1` when they changed; blank when not compared.
    static func allocations(of benchmark: BenchmarkJudgement) -> String {
        guard let counter = benchmark.counters.first(where: { $0.metric == .allocations }) else { return "" }
        let (before, after) = (counter.baseline.median, counter.current.median)
        let mark = counter.varies ? "~" : ""
        return before == after ? mark + Formatting.count(after) : "\(mark)\(Formatting.count(before)) → \(Formatting.count(after))"
    }

    /// The allocations cell of a report row: the comparison when there was one, else this
    /// run's count.
    static func allocations(of judgement: BenchmarkJudgement?, _ result: BenchmarkResult?) -> String {
        let compared = judgement.map(allocations(of:)) ?? ""
        guard compared.isEmpty, let result else { return compared }
        return SummaryTable.counted(.allocations, of: result)
    }

    /// What the counters that varied between processes allowed for, one line each.
    static func variations(of judgement: RunJudgement) -> [String] {
        judgement.benchmarks.flatMap { benchmark in
            benchmark.counters.compactMap(\.variation).map { "\(benchmark.name): \($0)" }
        }
    }

    /// `fastest`, `÷ dictionary-get`, `rounds ÷ dictionary-get`: the estimator, short, naming
    /// the control without its suite.
    static func abbreviate(_ estimator: ProcessEstimator) -> String {
        let control = estimator.control.map { name in name.split(separator: ".", maxSplits: 1).last.map(String.init) ?? name } ?? "control"
        switch estimator.kind {
        case .fastestRound: return "fastest"
        case .fastestRoundOverControl: return "÷ \(control)"
        case .roundRatioToControl: return "rounds ÷ \(control)"
        }
    }

    private func renderWithoutBaseline() -> String {
        let flagged = judgement.benchmarks.filter { $0.verdict == .overBudget }
        var text = "not judged against a baseline (none given, or none recorded: 'bench baseline update' records one)\n"
        for benchmark in flagged {
            text += "  * \(benchmark.name): \(benchmark.verdict.rawValue): \(benchmark.reasonLine)\n"
        }
        return text
    }

    private func notes() -> String {
        var lines: [String] = []
        for benchmark in judgement.benchmarks where benchmark.verdict != .unchanged && !benchmark.reasons.isEmpty {
            lines.append("  * \(benchmark.name): \(benchmark.verdict.rawValue): \(benchmark.reasonLine)")
        }
        for variation in Self.variations(of: judgement) {
            lines.append("  ~ \(variation)")
        }
        for difference in judgement.environmentDifferences {
            lines.append("  ! environment: \(difference.summary)\(difference.isBlocking ? "" : " (does not block judging)")")
        }
        // The machine's level heads the table; a file written before warnings had fields holds
        // it as a sentence, which is left out by its words.
        let level = judgement.machineLevel.map { RunWarning.machineLevel($0).text }
        for warning in judgement.warnings.map(\.text) where warning != level {
            lines.append("  ! \(warning)")
        }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n") + "\n"
    }

    private func counts() -> String {
        let parts = Verdict.allCases.compactMap { verdict -> String? in
            let count = judgement.count(verdict)
            return count > 0 ? "\(count) \(verdict.rawValue)" : nil
        }
        let failing = judgement.failures.count
        let outcome = judgement.refusesForeignBaseline ? "not judged" : failing == 0 ? "pass" : "FAIL (\(failing))"
        return "\n\(outcome): " + parts.joined(separator: ", ")
    }

    private static func describe(_ ab: ABContext) -> String {
        "head: \(ab.head.description), against base: \(ab.base.description); \(ab.base.processes) + \(ab.head.processes) processes, "
            + "alternating (seed \(ab.schedule.seed))\n"
    }

    private static func describe(_ baseline: BaselineReference) -> String {
        var parts = [Formatting.counted(baseline.processes, "process"), "recorded \(Formatting.timestamp(baseline.recordedAt))"]
        if let commit = baseline.gitCommit { parts.append("commit \(commit.prefix(10))") }
        return parts.joined(separator: ", ")
    }
}
