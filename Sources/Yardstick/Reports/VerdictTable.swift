import Foundation

/// The verdicts of a judged run as text: one row per benchmark with its median comparison, the
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
        var text = "against baseline '\(baseline.name)' (\(Self.describe(baseline)))\n"
        if judgement.refusesForeignBaseline {
            text += "not judged: the baseline comes from another environment\n"
        }
        var table = TextTable([
            ("benchmark", .left), ("baseline", .right), ("current", .right), ("change", .right),
            ("95% interval", .right), ("p", .right), ("noise", .right), ("verdict", .left),
        ])
        for benchmark in judgement.benchmarks {
            guard let median = benchmark.median else {
                table.append([benchmark.name, "", "", "", "", "", "", benchmark.verdict.symbol])
                continue
            }
            table.append([
                benchmark.name,
                Formatting.duration(nanoseconds: median.baselineNanoseconds),
                Formatting.duration(nanoseconds: median.currentNanoseconds),
                Formatting.signedPercent(median.change.point),
                "\(Formatting.signedPercent(median.change.lower)) … \(Formatting.signedPercent(median.change.upper))",
                Formatting.pValue(median.adjustedPValue),
                "±" + Formatting.percent(median.minimumDetectableChange),
                benchmark.verdict.symbol,
            ])
        }
        text += table.render()
        text += notes()
        text += counts() + "\n"
        text += "change: median of this run's round medians over the baseline's; p: Mann-Whitney U, Holm-adjusted per suite; "
            + "noise: the smallest change that can be told from noise.\n"
        return text
    }

    private func renderWithoutBaseline() -> String {
        let flagged = judgement.benchmarks.filter { $0.verdict == .overBudget }
        var text = "not judged against a baseline (none given, or none recorded: 'bench baseline update' records one)\n"
        for benchmark in flagged {
            text += "  * \(benchmark.name): \(benchmark.verdict.rawValue): \(benchmark.reasons.joined(separator: "; "))\n"
        }
        return text
    }

    private func notes() -> String {
        var lines: [String] = []
        for benchmark in judgement.benchmarks where benchmark.verdict != .unchanged && !benchmark.reasons.isEmpty {
            lines.append("  * \(benchmark.name): \(benchmark.verdict.rawValue): \(benchmark.reasons.joined(separator: "; "))")
        }
        for difference in judgement.environmentDifferences {
            lines.append("  ! environment: \(difference.summary)\(difference.isBlocking ? "" : " (does not block judging)")")
        }
        for warning in judgement.warnings {
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

    private static func describe(_ baseline: BaselineReference) -> String {
        var parts = [Formatting.counted(baseline.processes, "process"), "recorded \(Formatting.timestamp(baseline.recordedAt))"]
        if let commit = baseline.gitCommit { parts.append("commit \(commit.prefix(10))") }
        return parts.joined(separator: ", ")
    }
}
