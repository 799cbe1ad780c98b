import Foundation

/// The run as GitHub-flavoured Markdown: a headline with the outcome and the counts per
/// verdict, the baseline and environment, a table per suite with a geometric-mean row, and
/// what failed and why. Plain Markdown, so it reads in a terminal too.
public struct MarkdownReport {
    private let input: ReportInput

    /// A report of `input`.
    public init(_ input: ReportInput) {
        self.input = input
    }

    /// The Markdown text.
    public func render() -> String {
        var lines = ["## Benchmarks: \(input.outcome)", "", headline(), ""]
        lines += context()
        for suite in input.suites {
            lines += ["", "### \(Escaping.markdown(suite.name))", ""]
            lines += table(suite.name, rows: suite.rows)
        }
        lines += budgets()
        lines += notes()
        var legend = input.isSideBySide
            ? "_base, head: the median over processes of each process's fastest round; change: of the per-process values "
                + "(per process: the fastest round, or its ratio to the control named, fastest against fastest (÷) or round by "
                + "round (rounds ÷)); interval: 95% percentile bootstrap over processes; p: Mann-Whitney U across processes, "
                + "Holm-adjusted per suite; noise: the smallest change these processes show 9 times in 10; ~: unchanged"
            : "_p50: the median of the round medians; change: this run's p50 over the baseline's; interval: 95% "
                + "percentile bootstrap; p: Mann-Whitney U on round values, Holm-adjusted per suite; noise: how far the "
                + "benchmark moves with no code change; ~: unchanged"
        legend += "; allocs: heap allocations per call, counted exactly in a pass after the timed rounds (~: they vary between processes)"
        if input.results.benchmarks.contains(where: \.isBatched) {
            legend += "; †: timed in batches, so its percentiles are of batch means, not single calls"
        }
        if let judgement = input.judgement, VerdictTable.showsOtherGates(judgement) {
            legend += "; " + VerdictTable.otherGatesNote
        }
        lines += ["", legend + "._"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func headline() -> String {
        let results = input.results
        guard let judgement = input.judgement else { return "\(Formatting.counted(results.benchmarks.count, "benchmark"))." }
        let counts = Verdict.allCases.compactMap { verdict -> String? in
            let count = judgement.count(verdict)
            guard count > 0 else { return nil }
            let failing = judgement.failures.contains { $0.verdict == verdict }
            return failing ? "**\(count) \(verdict.rawValue)**" : "\(count) \(verdict.rawValue)"
        }
        guard let baseline = judgement.baseline else {
            return counts.joined(separator: ", ") + ", not judged against a baseline (none given or recorded)."
        }
        if let ab = judgement.ab {
            return counts.joined(separator: ", ") + " for head \(Escaping.markdown(ab.head.description)) against base "
                + "\(Escaping.markdown(ab.base.description)), measured side by side in \(ab.base.processes) + \(ab.head.processes) "
                + "alternating processes (seed \(ab.schedule.seed))."
        }
        let age = Formatting.age(seconds: results.startedAt.timeIntervalSince(baseline.recordedAt))
        var text = counts.joined(separator: ", ") + " against baseline '\(Escaping.markdown(baseline.name))', recorded "
            + "\(Formatting.timestamp(baseline.recordedAt)) (\(age) before this run) in \(Formatting.counted(baseline.processes, "process"))"
        if let commit = baseline.gitCommit { text += " at \(Escaping.markdown(String(commit.prefix(10))))" }
        return text + "."
    }

    private func context() -> [String] {
        let environment = input.results.environment
        var run = "This run: \(environment.buildConfiguration.rawValue) build"
        if let commit = environment.gitCommit { run += " of \(Escaping.markdown(String(commit.prefix(10))))" }
        run += ", \(Escaping.markdown(environment.cpuModel)) × \(environment.logicalCores), \(Formatting.bytes(environment.memoryBytes)), "
            + "\(Escaping.markdown(environment.operatingSystem)), kernel \(Escaping.markdown(environment.kernel)), Swift \(Escaping.markdown(environment.swiftVersion))"
        if input.results.processes > 1 { run += ", \(Formatting.counted(input.results.processes, "process"))" }
        var lines = [run + "."]
        let differences = input.judgement?.environmentDifferences ?? []
        if !differences.isEmpty {
            lines += ["", "> **The baseline's environment differs:** "
                + differences.map { Escaping.markdown($0.summary) + ($0.isBlocking ? "" : " (does not block judging)") }.joined(separator: "; ") + "."]
        }
        for warning in input.judgement?.warnings ?? [] {
            lines += ["", "> \(Escaping.markdown(warning.text))."]
        }
        return lines
    }

    private func table(_ suite: String, rows: [(result: BenchmarkResult?, judgement: BenchmarkJudgement?)]) -> [String] {
        let (old, new) = input.sideNames
        let perProcess = input.isSideBySide
        var lines = [
            "| benchmark | \(old) p50 | \(new) p50 | change | 95% interval | p | noise |" + (perProcess ? " per process |" : "")
                + " verdict | \(old) p99 | \(new) p99 | allocs |",
            "| :-- | --: | --: | --: | :-: | --: | --: |" + (perProcess ? " :-- |" : "") + " :-- | --: | --: | --: |",
        ]
        for row in rows {
            let name = row.result?.name ?? row.judgement?.name ?? ""
            let verdict = row.judgement?.verdict.symbol ?? (row.result?.failure == nil ? "" : Verdict.error.rawValue)
            let p99 = { (result: BenchmarkResult?) in
                result?.summary.map { Formatting.duration(nanoseconds: $0.percentiles.p99) + (result!.isBatched ? " †" : "") } ?? ""
            }
            let currentP99 = p99(row.result)
            let baselineP99 = p99(input.baseline?.benchmark(named: name))
            var cells = [Escaping.markdown(name)]
            if let deciding = row.judgement?.decidingComparison {
                cells += VerdictTable.figures(of: deciding)
                if perProcess { cells.append(deciding.estimator.map { Escaping.markdown(VerdictTable.abbreviate($0)) } ?? "") }
            } else {
                let current = row.result?.medianOfRoundMedians.map { Formatting.duration(nanoseconds: $0) } ?? ""
                cells += ["", current, "", "", "", ""] + (perProcess ? [""] : [])
            }
            cells += [verdict, baselineP99, currentP99, VerdictTable.allocations(of: row.judgement, row.result)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if let geometricMean = input.judgement?.geometricMeanChange(suite: suite) {
            lines.append("| **geometric mean** | | | **\(Formatting.signedPercent(geometricMean))** | | | |" + (perProcess ? " |" : "") + " | | | |")
        }
        return lines
    }

    /// Every budget with this run's value, failed ones in bold.
    private func budgets() -> [String] {
        let budgets = BudgetRows(input.results)
        guard !budgets.isEmpty else { return [] }
        var lines = ["", "### Budgets", "", "| benchmark | budget | this run | |", "| :-- | :-- | --: | :-- |"]
        for row in budgets.rows {
            let status = row.check.isWithin ? "✓" : "**\(row.status)**"
            lines.append("| \(Escaping.markdown(row.benchmark)) | \(row.budget) | \(row.value) | \(status) |")
        }
        return lines + ["", "_\(BudgetRows.legend)._"]
    }

    private func notes() -> [String] {
        guard let judgement = input.judgement else {
            let errors = input.results.benchmarks.filter { $0.failure != nil }
            return errors.isEmpty ? [] : ["", "### Errors", ""] + errors.map {
                "- **\(Escaping.markdown($0.name))**: \(Escaping.markdown($0.failure!.message))"
            }
        }
        let failing = Set(judgement.failures.map(\.name))
        var lines: [String] = []
        let failures = judgement.benchmarks.filter { failing.contains($0.name) }
        if !failures.isEmpty {
            lines += ["", "### What failed", ""]
            lines += failures.map { "- **\(Escaping.markdown($0.name))** \($0.verdict.rawValue): \(Escaping.markdown($0.reasonLine))" }
        }
        let others = judgement.benchmarks.filter { !failing.contains($0.name) && $0.verdict != .unchanged && !$0.reasons.isEmpty }
        if !others.isEmpty {
            lines += ["", "### Notes", ""]
            lines += others.map { "- **\(Escaping.markdown($0.name))** \($0.verdict.rawValue): \(Escaping.markdown($0.reasonLine))" }
        }
        let variations = VerdictTable.variations(of: judgement)
        if !variations.isEmpty {
            lines += ["", "### Counts that vary between processes", ""]
            lines += variations.map { "- \(Escaping.markdown($0))" }
        }
        return lines
    }
}
