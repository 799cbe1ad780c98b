import Foundation

/// The run as one self-contained HTML page: no scripts, no fonts, nothing fetched. A headline
/// with the outcome, a table per suite, and per benchmark its verdict and reasons, the
/// distribution of its time per call against the baseline's, and the trend of its median over
/// the baseline's history. Verdicts are words and symbols as well as colours.
public struct HTMLReport {
    private let input: ReportInput
    private let budgetRows: BudgetRows

    /// A report of `input`.
    public init(_ input: ReportInput) {
        self.input = input
        budgetRows = BudgetRows(input.results)
    }

    /// The page.
    public func render() -> String {
        let results = input.results
        var body: [String] = []
        body.append("<header><h1>Benchmarks: \(badge(outcome: input.outcome))</h1>")
        body.append("<p>\(Escaping.xml(summaryLine()))</p>")
        body.append("<p class=\"context\">\(Escaping.xml(environmentLine()))</p>")
        for difference in input.judgement?.environmentDifferences ?? [] {
            body.append("<p class=\"warning\">Environment differs from the baseline: \(Escaping.xml(difference.summary))"
                + (difference.isBlocking ? "" : " (does not block judging)") + "</p>")
        }
        for warning in input.judgement?.warnings ?? [] {
            body.append("<p class=\"warning\">\(Escaping.xml(warning.text))</p>")
        }
        body.append("</header>")
        for suite in input.suites {
            body.append("<section><h2>\(Escaping.xml(suite.name))</h2>")
            body.append(table(suite.name, suite.rows))
            for row in suite.rows {
                body.append(detail(row.result, row.judgement))
            }
            body.append("</section>")
        }
        var legend = input.isSideBySide
            ? "base and head p50 in the tables: the median over processes of each process's fastest round; change: of the per-process values "
                + "(the fastest round, or its ratio to a control of the suite, as each chart says); interval: 95% percentile bootstrap over processes; "
                + "p: Mann-Whitney U across processes, Holm-adjusted per suite; noise: the smallest change these processes show 9 times in 10. "
            : "p50 in the tables: the median of the round medians; change: this run's p50 over the baseline's; interval: 95% percentile bootstrap; "
                + "p: Mann-Whitney U on round values, Holm-adjusted per suite; noise: how far the benchmark moves with no code change. "
        if let judgement = input.judgement, VerdictTable.showsOtherGates(judgement) {
            legend += VerdictTable.otherGatesNote + ". "
        }
        body.append(
            "<footer><p>\(Escaping.xml(legend))"
                + "Written by \(Escaping.xml(results.tool.name)) \(Escaping.xml(results.tool.version)) at \(Timestamp.format(results.finishedAt)).</p></footer>"
        )
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Benchmarks: \(input.outcome)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    // MARK: Parts

    private func summaryLine() -> String {
        let results = input.results
        guard let judgement = input.judgement else { return Formatting.counted(results.benchmarks.count, "benchmark") + ", not judged." }
        let counts = Verdict.allCases.compactMap { verdict in
            judgement.count(verdict) > 0 ? "\(judgement.count(verdict)) \(verdict.rawValue)" : nil
        }.joined(separator: ", ")
        guard let baseline = judgement.baseline else { return counts + ", not judged against a baseline." }
        if let ab = judgement.ab {
            return "\(counts) for head \(ab.head.description) against base \(ab.base.description), measured side by side in "
                + "\(ab.base.processes) + \(ab.head.processes) alternating processes (seed \(ab.schedule.seed))."
        }
        var text = "\(counts) against baseline '\(baseline.name)', recorded \(Formatting.timestamp(baseline.recordedAt)) "
            + "(\(Formatting.age(seconds: results.startedAt.timeIntervalSince(baseline.recordedAt))) before this run) "
            + "in \(Formatting.counted(baseline.processes, "process"))"
        if let commit = baseline.gitCommit { text += " at \(commit.prefix(10))" }
        return text + "."
    }

    private func environmentLine() -> String {
        let environment = input.results.environment
        var text = "This run: \(environment.buildConfiguration.rawValue) build"
        if let commit = environment.gitCommit { text += " of \(commit.prefix(10))" }
        return text + ", \(environment.cpuModel) × \(environment.logicalCores), \(Formatting.bytes(environment.memoryBytes)), "
            + "\(environment.operatingSystem), kernel \(environment.kernel), Swift \(environment.swiftVersion), "
            + "\(Formatting.timestamp(input.results.startedAt))."
    }

    private func table(_ suite: String, _ rows: [(result: BenchmarkResult?, judgement: BenchmarkJudgement?)]) -> String {
        let (old, new) = input.sideNames
        var html = "<table><thead><tr><th>benchmark</th><th>\(old) p50</th><th>\(new) p50</th><th>change</th>"
            + "<th>95% interval</th><th>p</th><th>noise</th><th>verdict</th><th>\(new) p99</th><th>allocs</th></tr></thead><tbody>"
        for row in rows {
            let name = row.result?.name ?? row.judgement?.name ?? ""
            var cells = ["<td><a href=\"#\(anchor(name))\">\(Escaping.xml(name))</a></td>"]
            if let deciding = row.judgement?.decidingComparison {
                cells += VerdictTable.figures(of: deciding).map { "<td class=\"number\">\(Escaping.xml($0))</td>" }
            } else {
                let current = row.result?.medianOfRoundMedians.map { Formatting.duration(nanoseconds: $0) } ?? ""
                cells += ["", current, "", "", "", ""].map { "<td class=\"number\">\(Escaping.xml($0))</td>" }
            }
            cells.append("<td>\(badge(row.judgement?.verdict ?? (row.result?.failure == nil ? nil : .error)))</td>")
            cells.append("<td class=\"number\">\(Escaping.xml(row.result?.summary.map { Formatting.duration(nanoseconds: $0.percentiles.p99) } ?? ""))</td>")
            cells.append("<td class=\"number\">\(Escaping.xml(VerdictTable.allocations(of: row.judgement, row.result)))</td>")
            html += "<tr>" + cells.joined() + "</tr>"
        }
        if let geometricMean = input.judgement?.geometricMeanChange(suite: suite) {
            html += "<tr class=\"total\"><td>geometric mean</td><td></td><td></td><td class=\"number\">"
                + "\(Formatting.signedPercent(geometricMean))</td><td colspan=\"6\"></td></tr>"
        }
        return html + "</tbody></table>"
    }

    private func detail(_ result: BenchmarkResult?, _ judgement: BenchmarkJudgement?) -> String {
        let name = result?.name ?? judgement?.name ?? ""
        var html = "<article id=\"\(anchor(name))\"><h3>\(Escaping.xml(name)) \(badge(judgement?.verdict ?? (result?.failure == nil ? nil : .error)))</h3>"
        let reasons = (judgement?.reasons.map(\.text) ?? []) + (result?.failure.map { [$0.message] } ?? [])
        if !reasons.isEmpty {
            html += "<ul>" + Set(reasons).sorted().map { "<li>\(Escaping.xml($0))</li>" }.joined() + "</ul>"
        }
        if let result, result.counts != nil {
            html += counts(result, judgement)
        }
        html += budgets(budgetRows.of(name))
        if let result, let current = side(result) {
            // A compact baseline keeps no raw samples: its figures are quoted, its curve not drawn.
            let baselineResult = input.baseline?.benchmark(named: name)
            let baseline = baselineResult.flatMap(side)
            if let median = judgement?.median, let estimates = median.processEstimates, let estimator = median.estimator {
                html += "<figure>" + ProcessDotChart(name: name, estimates: estimates, estimator: estimator).render()
                html += "<figcaption>\(Escaping.xml(dotCaption(estimates, estimator)))</figcaption></figure>"
            }
            html += "<figure>" + DistributionChart(
                name: name, current: current, baseline: baseline, isBatched: result.isBatched, sideNames: input.sideNames
            ).render()
            html += "<figcaption>\(Escaping.xml(distributionCaption(result, current: current.summary, baseline: baselineResult?.summary, baselineDrawn: baseline != nil)))</figcaption></figure>"
            let trend = input.history.compactMap { record in record.benchmarks[name].map { (date: record.recordedAt, median: $0.p50) } }
            if trend.count >= 2, let median = result.summary?.percentiles.p50 {
                html += "<figure>" + TrendChart(name: name, points: trend, current: (input.results.startedAt, median)).render()
                html += "<figcaption>Median per call at each of the last \(trend.count) baseline updates (dashed) and in this run (diamond).</figcaption></figure>"
            }
        }
        return html + "</article>"
    }

    /// The benchmark's budgets with this run's values; nothing when it has none.
    private func budgets(_ rows: [BudgetRows.Row]) -> String {
        guard !rows.isEmpty else { return "" }
        var html = "<table class=\"counts\"><thead><tr><th>budget</th><th>\(input.sideNames.new)</th><th></th></tr></thead><tbody>"
        for row in rows {
            let status = row.check.isWithin ? "✓ within" : "✗ \(row.status)"
            html += "<tr><td>\(Escaping.xml(row.budget))</td><td class=\"number\">\(Escaping.xml(row.value))</td><td>\(Escaping.xml(status))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The counting pass's figures, against the other side's where they were compared.
    private func counts(_ result: BenchmarkResult, _ judgement: BenchmarkJudgement?) -> String {
        let (old, new) = input.sideNames
        var html = "<table class=\"counts\"><thead><tr><th>counted</th><th>\(old)</th><th>\(new)</th></tr></thead><tbody>"
        for metric in Metric.counters {
            guard let current = result.counterMedian(of: metric) else { continue }
            let comparison = judgement?.counters.first { $0.metric == metric }
            let label = metric == .peakBytes ? "peak heap" : "\(metric) per call"
            let before = comparison.map { metric.format($0.baseline.median) } ?? ""
            let after = (comparison?.varies == true ? "~" : "") + metric.format(current)
            html += "<tr><td>\(Escaping.xml(label))</td><td class=\"number\">\(Escaping.xml(before))</td><td class=\"number\">\(Escaping.xml(after))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    private func dotCaption(_ estimates: ProcessEstimates, _ estimator: ProcessEstimator) -> String {
        "Each dot is one process: \(estimator), \(estimates.base.count) base and \(estimates.head.count) head processes, "
            + "run alternately. The bars mark each side's median; the verdict compares the two clouds."
    }

    private func side(_ result: BenchmarkResult) -> DistributionChart.Side? {
        guard let curve = Sample(result.samples.values), let summary = result.summary else { return nil }
        return DistributionChart.Side(curve: curve, summary: summary)
    }

    private func distributionCaption(_ result: BenchmarkResult, current: Summary, baseline: Summary?, baselineDrawn: Bool) -> String {
        let old = input.sideNames.old
        var text = "\(input.isSideBySide ? "Head" : "This run"): p50 \(Formatting.duration(nanoseconds: current.percentiles.p50)), "
            + "p99 \(Formatting.duration(nanoseconds: current.percentiles.p99)) of all \(Formatting.count(current.count)) samples"
        if let baseline {
            text += "; \(old): p50 \(Formatting.duration(nanoseconds: baseline.percentiles.p50)), "
                + "p99 \(Formatting.duration(nanoseconds: baseline.percentiles.p99))"
            if !baselineDrawn { text += " (its file keeps no raw samples, so only this run's curve is drawn)" }
        }
        text += ". The curves are drawn from \(Formatting.count(result.samples.values.count)) of them"
        return text + (result.isBatched ? "; each sample is the mean of a batch of calls." : ".")
    }

    private func badge(_ verdict: Verdict?) -> String {
        guard let verdict else { return "" }
        let symbol = switch verdict {
        case .regressed, .overBudget, .missing: "✗"
        case .error: "⚠"
        case .improved: "✓"
        case .noisy: "≈"
        case .layoutShift: "↔"
        case .unchanged: "~"
        case .new: "+"
        case .incomparable: "?"
        }
        return "<span class=\"verdict \(verdict.rawValue)\">\(symbol) \(verdict.rawValue)</span>"
    }

    private func badge(outcome: String) -> String {
        let kind = outcome == "PASS" ? "unchanged" : outcome == "FAIL" ? "regressed" : "incomparable"
        return "<span class=\"verdict \(kind)\">\(outcome == "PASS" ? "✓" : outcome == "FAIL" ? "✗" : "?") \(outcome)</span>"
    }

    private func anchor(_ name: String) -> String {
        "b-" + String(name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    private static let style = """
        body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1a1a1a;max-width:1100px;margin:24px auto;padding:0 16px}
        h1{font-size:26px;margin:0 0 8px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #ccc}h3{font-size:16px;margin:24px 0 4px}
        .context{color:#444}.warning{background:#fff4d6;border-left:4px solid #8a6d00;padding:6px 10px}
        table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #e3e3e3;padding:4px 8px;text-align:left}
        th{background:#f4f4f4}td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.total td{font-weight:600}
        .verdict{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;font-weight:600;white-space:nowrap;border:1px solid}
        .verdict.regressed,.verdict.over-budget,.verdict.missing,.verdict.error{background:#fde7e9;color:#8e0016;border-color:#c9182b}
        .verdict.improved{background:#e3f4e8;color:#155d2d;border-color:#2e8b4f}
        .verdict.noisy,.verdict.incomparable,.verdict.layout-shift{background:#fff4d6;color:#6b5300;border-color:#b38f00}
        .verdict.unchanged,.verdict.new{background:#eef1f5;color:#33404d;border-color:#8a97a6}
        figure{margin:8px 0 16px}figcaption{color:#444;font-size:13px}svg{max-width:100%;height:auto}
        footer{margin-top:40px;color:#555;font-size:13px;border-top:1px solid #ccc}
        """
}
