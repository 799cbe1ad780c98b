import Foundation

/// The run as JUnit XML, the format CI systems show in their test tabs: one `testsuite` per
/// suite and one `testcase` per benchmark, timed by the benchmark's own wall time.
///
/// - A benchmark that fails the gate (regressed, over budget, missing, incomparable, or noisy
///   in strict mode) is a `failure`; one that ended in an error is an `error`.
/// - New benchmarks, and missing or incomparable benchmarks that were allowed, are `skipped`.
/// - Every other test case passes, with its figures in `system-out`.
public struct JUnitReport {
    private let input: ReportInput

    /// A report of `input`.
    public init(_ input: ReportInput) {
        self.input = input
    }

    private enum Outcome {
        case passed, failed(String, String), errored(String), skipped(String)
    }

    /// The XML document.
    public func render() -> String {
        let failing = Set(input.judgement?.failures.map(\.name) ?? [])
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0, time: 0.0)
        for suite in input.suites {
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, errors: 0, skipped: 0, time: 0.0)
            for row in suite.rows {
                let name = row.result?.name ?? row.judgement?.name ?? ""
                let time = row.result?.elapsedSeconds ?? 0
                let outcome = self.outcome(result: row.result, judgement: row.judgement, isFailing: failing.contains(name))
                counts.tests += 1
                counts.time += time
                var body: [String] = []
                switch outcome {
                case .passed: break
                case .failed(let kind, let reason):
                    counts.failures += 1
                    body.append("      <failure type=\"\(kind)\" message=\"\(Escaping.xml(reason))\">\(Escaping.xml(reason))</failure>")
                case .errored(let reason):
                    counts.errors += 1
                    body.append("      <error type=\"error\" message=\"\(Escaping.xml(reason))\">\(Escaping.xml(reason))</error>")
                case .skipped(let reason):
                    counts.skipped += 1
                    body.append("      <skipped message=\"\(Escaping.xml(reason))\"/>")
                }
                if let figures = figures(row.result, row.judgement) {
                    body.append("      <system-out>\(Escaping.xml(figures))</system-out>")
                }
                let open = "    <testcase classname=\"\(Escaping.xml(suite.name))\" name=\"\(Escaping.xml(name))\" time=\"\(seconds(time))\""
                cases.append(body.isEmpty ? open + "/>" : open + ">\n" + body.joined(separator: "\n") + "\n    </testcase>")
            }
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.errors += counts.errors
            totals.skipped += counts.skipped
            totals.time += counts.time
            suites.append(
                "  <testsuite name=\"\(Escaping.xml(suite.name))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" "
                    + "errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" time=\"\(seconds(counts.time))\" "
                    + "timestamp=\"\(Timestamp.format(input.results.startedAt))\">\n" + cases.joined(separator: "\n") + "\n  </testsuite>"
            )
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="yardstick" tests="\(totals.tests)" failures="\(totals.failures)" errors="\(totals.errors)" \
            skipped="\(totals.skipped)" time="\(seconds(totals.time))">
            \(suites.joined(separator: "\n"))
            </testsuites>

            """
    }

    private func outcome(result: BenchmarkResult?, judgement: BenchmarkJudgement?, isFailing: Bool) -> Outcome {
        let reason = judgement.map { "\($0.verdict.rawValue): \($0.reasonLine)" }
        if let failure = result?.failure { return .errored(failure.message) }
        guard let judgement, let reason else { return .passed }
        if isFailing { return judgement.verdict == .error ? .errored(reason) : .failed(judgement.verdict.rawValue, reason) }
        switch judgement.verdict {
        case .new, .incomparable, .missing, .layoutShift: return .skipped(reason)
        default: return .passed
        }
    }

    private func figures(_ result: BenchmarkResult?, _ judgement: BenchmarkJudgement?) -> String? {
        guard let summary = result?.summary else { return nil }
        var text = "p50 \(Formatting.duration(nanoseconds: summary.percentiles.p50)), "
            + "p99 \(Formatting.duration(nanoseconds: summary.percentiles.p99)), "
            + "min \(Formatting.duration(nanoseconds: summary.min))"
        if let deciding = judgement?.decidingComparison {
            let gate = deciding.metric == .median ? "" : "\(deciding.metric) "
            text += "; \(gate)change \(Formatting.signedPercent(deciding.change.point)) against "
                + "\(Formatting.duration(nanoseconds: deciding.baselineNanoseconds)), p=\(Formatting.pValue(deciding.adjustedPValue)), "
                + "noise ±\(Formatting.percent(deciding.minimumDetectableChange))"
        }
        if let allocations = result?.counterMedian(of: .allocations), let bytes = result?.counterMedian(of: .allocatedBytes) {
            text += "; \(Formatting.count(allocations)) allocations, \(Formatting.bytes(bytes)) per call"
        }
        if let result {
            let budgets = result.budgetChecks.map { BudgetRows.Row(benchmark: result.name, suite: result.suite, check: $0).line }
            if !budgets.isEmpty { text += "; budgets: " + budgets.joined(separator: ", ") }
        }
        if let verdict = judgement?.verdict { text += "; \(verdict.rawValue)" }
        if let result, result.isBatched, let size = result.batchSize {
            text += "; timed in batches of \(Formatting.count(size)): percentiles are of batch means"
        }
        return text
    }

    private func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
