import XCTest
@testable import Yardstick

final class BudgetRuleTests: XCTestCase {
    private func problem(_ text: String) -> String {
        do {
            return "parsed: \(try BudgetRule(parsing: text))"
        } catch {
            return error.description
        }
    }

    func testEveryKindOfMetricParses() throws {
        XCTAssertEqual(try BudgetRule(parsing: "cache.get:p99<10ms").budget, .wallTime(.p99, under: .milliseconds(10)))
        XCTAssertEqual(try BudgetRule(parsing: "^validation\\.:mean<5ms").budget, .mean(under: .milliseconds(5)))
        XCTAssertEqual(try BudgetRule(parsing: "cache.get:cpu <= 2us").budget, .cpuTime(under: .microseconds(2)))
        XCTAssertEqual(try BudgetRule(parsing: "cache.get:allocations<0").budget, .allocations(perCall: 0))
        XCTAssertEqual(try BudgetRule(parsing: "cache.get:peak-bytes<1048576").budget, .peakMemory(under: 1 << 20))
        XCTAssertEqual(try BudgetRule(parsing: "cache.get:p99<10ms").selector, "cache.get")
    }

    func testTheSelectorEndsAtTheLastColonSoPatternsMayHoldColons() throws {
        let rule = try BudgetRule(parsing: "(?:cache|db)\\.get:p50<1ms")
        XCTAssertEqual(rule.selector, "(?:cache|db)\\.get")
        XCTAssertEqual(rule.selectedNames(among: ["cache.get", "db.get", "log.get"]), ["cache.get", "db.get"])
    }

    func testAnExactNameSelectsThatBenchmarkAloneAndAnyOtherSelectorIsAPattern() throws {
        let names = ["cache.get", "cache.get-miss", "cache.set"]
        XCTAssertEqual(try BudgetRule(parsing: "cache.get:mean<10ms").selectedNames(among: names), ["cache.get"])
        XCTAssertEqual(try BudgetRule(parsing: "^cache\\.:mean<10ms").selectedNames(among: names), names)
        XCTAssertEqual(try BudgetRule(parsing: "nothing:mean<10ms").selectedNames(among: names), [])
    }

    func testBadRulesSayWhatIsWrongInOneLine() {
        XCTAssertEqual(problem("cache.get"), "expected NAME:METRIC<LIMIT, such as 'cache.get:p99<10ms', got 'cache.get'")
        XCTAssertEqual(problem("cache.get:p99>10ms"), "expected NAME:METRIC<LIMIT, such as 'cache.get:p99<10ms', got 'cache.get:p99>10ms'")
        XCTAssertEqual(problem(":p99<10ms"), "a budget needs a benchmark name or pattern before the ':'")
        XCTAssertEqual(
            problem("cache.get:p98<10ms"),
            "unknown metric 'p98' in 'cache.get:p98<10ms' (expected p50, p75, p90, p95, p99, p999, mean, cpu, allocations, bytes, net-bytes or peak-bytes)"
        )
        XCTAssertEqual(problem("cache.get:p99<10"), "the p99 limit in 'cache.get:p99<10' must be a duration such as 10ms or 500us, got '10'")
        XCTAssertEqual(problem("cache.get:allocations<few"), "the allocations limit in 'cache.get:allocations<few' must be a number such as 0 or 1024, got 'few'")
        XCTAssertEqual(problem("cache.get:p99<0ms"), "the p99 limit must be more than zero, got 0.00 ns")
        XCTAssertEqual(problem("cache.get:bytes<-1"), "the bytes limit must be at least zero, got -1 B")
        XCTAssertTrue(problem("cache.(get:p99<1ms").hasPrefix("invalid filter 'cache.(get'"), problem("cache.(get:p99<1ms"))
    }

    func testCommandLineBudgetsAddToDeclaredOnesAndReplaceOnesOnTheSameMetric() throws {
        let declared = BenchmarkConfiguration(budgets: [.mean(under: .milliseconds(10)), .allocations(perCall: 0)])
        let results = JudgementFixtures.run([
            JudgementFixtures.benchmark("cache.get", processes: [[100, 120, 200]], configuration: declared),
            JudgementFixtures.benchmark("cache.set", processes: [[100, 120, 200]]),
            JudgementFixtures.benchmark("log.write", processes: [[100, 120, 200]]),
        ]).addingBudgets([
            try BudgetRule(parsing: "^cache\\.:p99<1ms"),
            try BudgetRule(parsing: "cache.get:mean<2ms"),
        ])
        XCTAssertEqual(results.benchmarks[0].configuration.budgets, [
            .allocations(perCall: 0), .wallTime(.p99, under: .milliseconds(1)), .mean(under: .milliseconds(2)),
        ])
        XCTAssertEqual(results.benchmarks[1].configuration.budgets, [.wallTime(.p99, under: .milliseconds(1))])
        XCTAssertEqual(results.benchmarks[2].configuration.budgets, [])
    }
}

final class BudgetRuleCodingTests: XCTestCase {
    func testARuleSurvivesARoundTripAndEqualsByItsSelectorAndBudget() throws {
        let rule = try BudgetRule(parsing: "^cache\\.:p99<10ms")
        let decoded = try JSONDecoder().decode(BudgetRule.self, from: JSONEncoder().encode(rule))
        XCTAssertEqual(decoded, rule)
        XCTAssertEqual(Set([rule, decoded]).count, 1)
        XCTAssertEqual(decoded.selectedNames(among: ["cache.get", "db.get"]), ["cache.get"])
    }

    func testDecodingRefusesASelectorThatIsNotAPattern() throws {
        let rule = try BudgetRule(parsing: "cache.get:p99<10ms")
        let text = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self).replacingOccurrences(of: "cache.get", with: "cache.(get")
        XCTAssertThrowsError(try JSONDecoder().decode(BudgetRule.self, from: Data(text.utf8))) { error in
            XCTAssertTrue("\(error)".contains("invalid filter 'cache.(get'"), "\(error)")
        }
    }
}
