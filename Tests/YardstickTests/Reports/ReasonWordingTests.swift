import Foundation
import XCTest
@testable import Yardstick

/// Every reason and warning in the words reports print, and each format printing those words
/// escaped its own way.
final class ReasonWordingTests: XCTestCase {
    static let difference = EnvironmentDifference(field: "cpuModel", baseline: "Test CPU", current: "Apple M2", isBlocking: true)

    /// One of every case, with its sentence.
    static let reasons: [(JudgementReason, String)] = [
        (.failed(message: "threw in round 1: boom"), "threw in round 1: boom"),
        (.notInBaseline, "not in the baseline"),
        (.failedInBaseline(message: "boom"), "the baseline has no result for it (it failed there: boom)"),
        (.baselineHasNoRounds, "the baseline has an entry for it with no rounds: nothing to compare with"),
        (.foreignBaseline(differences: [difference]), "the baseline comes from another environment: cpuModel: 'Test CPU' in the baseline, 'Apple M2' now"),
        (.timingModeChanged(baselineBatched: true, currentBatched: false),
         "timed in batches in the baseline and one call at a time now: pin its timing mode (`timing: .perCall` or `.batched`) and update the baseline"),
        (.missingFromRun(baseline: "default"), "in baseline 'default' but not in this run"),
        (.judgedAgainstForeignBaseline, "judged against a baseline from another environment (--allow-foreign-baseline)"),
        (.notInBase, "not in the base"),
        (.failedInBase(message: "boom"), "it failed in the base, so there is nothing to compare with: boom"),
        (.sidesDiffer(differences: [difference]),
         "the base and head were built or measured differently: cpuModel: 'Test CPU' in the baseline, 'Apple M2' now"),
        (.timingModesDiffer(baseBatched: false, headBatched: true),
         "timed one call at a time in the base and in batches in the head: pin its timing mode (`timing: .perCall` or `.batched`)"),
        (.missingFromHead, "measured in the base but not in the head"),
        (.baselineLacksMetric(metric: .wallTime(.p99)),
         "p99: not compared: the baseline has no p99 of its rounds: it had no p99 gate, and a baseline keeps only the round figures its "
            + "gates compare; update the baseline"),
        (.tooFewRounds(metric: .median), "p50: not compared: fewer than two rounds measured it on one side"),
        (.roundsMeasuredZero(metric: .median), "p50: not compared: some rounds measured zero, below the clock's resolution"),
        (.ratioOutOfRange(metric: .median, lowest: 1e-300, highest: 1e300),
         "p50: not compared: the rounds are so far apart (\(Formatting.duration(nanoseconds: 1e-300)) to "
            + "\(Formatting.duration(nanoseconds: 1e300))) that their ratio is beyond a Double's range"),
        (.noiseOutOfRange(metric: .median), "p50: not compared: the rounds spread so far that their noise is beyond a Double's range"),
        (.processWithoutValue(metric: .cpuTime), "cpu: not compared: some processes measured no positive value of it"),
        (.tooFewProcesses(metric: .median), "p50: not compared: fewer than two processes measured it on one side"),
        (.cannotReachSignificance(metric: .median, rounds: RoundCounts(current: 3, baseline: 3), acrossProcesses: false,
                                  smallestPValue: 0.1, comparisons: 1, neededPValue: 0.01),
         "p50: with these 3 and 3 rounds no p-value can fall below 0.100, and Holm's correction over 1 comparison needs one below "
            + "0.010: add rounds or baseline processes"),
        (.cannotReachSignificance(metric: .median, rounds: RoundCounts(current: 4, baseline: 5), acrossProcesses: true,
                                  smallestPValue: 0.1, comparisons: 2, neededPValue: 0.02),
         "p50: with these 4 and 5 processes no p-value can fall below 0.100, and Holm's correction over 2 comparisons needs one below "
            + "0.020: add processes (--processes)"),
        (.beyondThreshold(metric: .median, change: 2.4, adjustedPValue: 1e-4, tolerance: 0.05, noise: 0.6),
         "p50: slower by +240% (p=1.0e-04), more than 2 times its noise ±60.0%"),
        (.beyondThreshold(metric: .median, change: -0.1, adjustedPValue: 0.001, tolerance: 0.05, noise: 0.02),
         "p50: faster by -10.0% (p=0.001), beyond the tolerance 5.00% plus noise ±2.00%"),
        (.noiseExceedsTolerance(metric: .median, noise: 0.1, tolerance: 0.05),
         "p50: changes smaller than ±10.0% cannot be told from noise here; the tolerance is 5.00%, so only a change beyond ±20.0% would count"),
        (.withinNoise(metric: .median, change: 0.065, adjustedPValue: 0.001, tolerance: 0.05, noise: 0.02),
         "p50: changed by +6.50% (p=0.001), beyond the tolerance 5.00% but within its noise ±2.00%"),
        (.withinMachineLevel(metric: .median, change: -0.3, adjustedPValue: 0.001, lowest: -0.4, highest: 0.1, tolerance: 0.05, noise: 0.02),
         "p50: changed by -30.0% (p=0.001), within the machine's level change (controls -40.0% to +10.0%, ± 7.00%): machine level "
            + "changed, not judged as a change of code"),
        (.beyondToleranceAndLayoutShift(metric: .median, change: 0.2, adjustedPValue: 0.001, tolerance: 0.05, layoutShift: 0.1),
         "p50: slower by +20.0% (p=0.001), beyond the tolerance 5.00% and the suite's layout shift 10.0%"),
        (.beyondToleranceAndLayoutShift(metric: .median, change: -0.2, adjustedPValue: 0.001, tolerance: 0.05, layoutShift: 0.01),
         "p50: faster by -20.0% (p=0.001), beyond the tolerance 5.00%"),
        (.withinLayoutShift(metric: .median, change: 0.08, adjustedPValue: 0.001, layoutShift: 0.1),
         "p50: changed by +8.00% (p=0.001), within the layout shift ±10.0% its suite's control showed"),
        (.undetectableAcrossProcesses(metric: .median, noise: 0.1, tolerance: 0.05),
         "p50: changes smaller than 10.0% cannot be told apart across these processes, and the tolerance is 5.00%: add processes "
            + "(--processes) or steady the benchmark"),
        (.controlMoved(metric: .median, change: 0.12, pValue: 0.001),
         "p50: a control moved +12.0% (p=0.001): the layout effect of this build pair, not a change of its code; the suite's changes "
            + "must exceed it to count"),
        (.countChanged(metric: .allocations, baseline: 18.1, current: 19.4, tolerance: 0, spread: 0.4),
         "allocations: 18.1 → 19.4 allocations per call, beyond the tolerance 0 plus 3 times the spread between processes 0.4"),
        (.countChanged(metric: .allocatedBytes, baseline: 1_000, current: 1_016, tolerance: 10, spread: 0),
         "bytes: 1,000 B → 1,016 B per call, beyond the tolerance 10 B"),
        (.countChanged(metric: .peakBytes, baseline: 0, current: 24, tolerance: 0, spread: 0), "peak-bytes: 0 B → 24 B"),
        (.overBudget(metric: .mean, value: 140, limit: 130), "mean 140 ns is over its budget of 130 ns"),
        (.budgetNotChecked(metric: .allocations), "allocations budget not checked: this process could not count allocations"),
        (.budgetNotChecked(metric: .cpuTime), "cpu budget not checked: no round was long enough to measure it"),
        (.text("a sentence from an older file"), "a sentence from an older file"),
    ]

    static let machineLevel = MachineLevel(controls: [
        .init(name: "s.spin", suite: "s", change: -0.3, moved: true), .init(name: "t.hash", suite: "t", change: -0.4, moved: true),
    ])!

    /// One of every case, with its sentence.
    static let warnings: [(RunWarning, String)] = [
        (.machineLevel(machineLevel),
         "this machine is 35.0% faster than when the baseline was recorded (its 2 controls moved -40.0% to -30.0%): changes within "
            + "that are noisy (machine level changed), not regressions or improvements; to judge a change of code, measure both "
            + "builds side by side with 'bench ab'"),
        (.machineLevel(MachineLevel(controls: [.init(name: "s.spin", suite: "s", change: 0.25, moved: true)])!),
         "this machine is 25.0% slower than when the baseline was recorded (s.spin +25.0%): changes within that are noisy (machine "
            + "level changed), not regressions or improvements; to judge a change of code, measure both builds side by side with 'bench ab'"),
        (.baselineWithoutCounts,
         "the baseline has no allocation counts (it was recorded before they were counted), so counts were not judged; "
            + "'bench baseline update' records them"),
        (.fewBaselineProcesses(processes: 1),
         "the baseline was measured in 1 process: it cannot show how much benchmarks vary between processes; record it with "
            + "'bench baseline update --processes 5'"),
        (.debugBuild, "a side is a DEBUG build: its timings say nothing about release speed; compare release builds"),
        (.layoutUncontrolled(side: .head),
         "the head executable was built outside bench ab, so its code layout is not controlled: build both sides with "
            + "\(ABBuilder.layoutFlags.joined(separator: " ")), or let bench ab build them"),
        (.layoutShift(LayoutShift(suite: "c", control: "c.reference", change: -0.12, pValue: 0.001)),
         "layout shift in suite 'c': its control c.reference moved -12.0% (p=0.001) though no change can touch it, so this build "
            + "pair moves code by about that much; changes of up to 12.0% in the suite are judged noisy"),
        (.mergedShards(shards: 2, seeds: [.init(shard: 1, seed: 7), .init(shard: 2, seed: 9)]),
         "merged from 2 shards, each with its own process order: seeds 7 (shard 1), 9 (shard 2)"),
        (.text("a sentence from an older file"), "a sentence from an older file"),
    ]

    func testEveryReasonHasItsSentence() {
        for (reason, sentence) in Self.reasons {
            XCTAssertEqual(reason.text, sentence, reason.kind)
        }
        XCTAssertEqual(Set(Self.reasons.map(\.0.kind)).count, 33, "every kind of reason is worded here")
    }

    func testEveryWarningHasItsSentence() {
        for (warning, sentence) in Self.warnings {
            XCTAssertEqual(warning.text, sentence, warning.kind)
        }
        XCTAssertEqual(Set(Self.warnings.map(\.0.kind)).count, 8, "every kind of warning is worded here")
    }

    /// A judged run whose benchmark fails with `reasons` and which carries `warnings`.
    private func input(reasons: [JudgementReason], warnings: [RunWarning]) -> ReportInput {
        var input = ReportFixtures.input()
        input.judgement?.benchmarks[0].verdict = .regressed
        input.judgement?.benchmarks[0].reasons = reasons
        input.judgement?.warnings = warnings
        return input
    }

    func testEachFormatPrintsEverySentenceEscapedItsOwnWay() throws {
        let hostile = JudgementReason.failed(message: "threw <script>&\"quoted\" | `code` *bold*")
        let reasons = Self.reasons.map(\.0) + [hostile]
        let warnings = Self.warnings.map(\.0) + [.text("beware <b>&</b>")]
        let input = input(reasons: reasons, warnings: warnings)
        let line = reasons.map(\.text).joined(separator: "; ")
        let name = try XCTUnwrap(input.judgement?.benchmarks[0].name)

        let markdown = MarkdownReport(input).render()
        XCTAssertTrue(markdown.contains("- **\(Escaping.markdown(name))** regressed: \(Escaping.markdown(line))\n"))
        XCTAssertTrue(markdown.contains("(\\`timing: .perCall\\` or \\`.batched\\`)"), "code spans stay escaped, as before")
        XCTAssertTrue(markdown.contains("threw \\<script\\>&amp;\"quoted\" \\| \\`code\\` \\*bold\\*"))
        for (warning, sentence) in Self.warnings {
            XCTAssertTrue(markdown.contains("> \(Escaping.markdown(sentence)).\n"), warning.kind)
        }
        XCTAssertTrue(markdown.contains("> beware \\<b\\>&amp;\\</b\\>.\n"))

        let html = HTMLReport(input).render()
        for (reason, sentence) in Self.reasons {
            XCTAssertTrue(html.contains("<li>\(Escaping.xml(sentence))</li>"), reason.kind)
        }
        XCTAssertTrue(html.contains("<li>threw &lt;script&gt;&amp;&quot;quoted&quot; | `code` *bold*</li>"))
        for (warning, sentence) in Self.warnings {
            XCTAssertTrue(html.contains("<p class=\"warning\">\(Escaping.xml(sentence))</p>"), warning.kind)
        }
        XCTAssertTrue(html.contains("<p class=\"warning\">beware &lt;b&gt;&amp;&lt;/b&gt;</p>"))

        let junit = JUnitReport(input).render()
        XCTAssertTrue(junit.contains("<failure type=\"regressed\" message=\"\(Escaping.xml("regressed: " + line))\">"))
        XCTAssertTrue(junit.contains("threw &lt;script&gt;&amp;&quot;quoted&quot; | `code` *bold*"))

        let console = VerdictTable(try XCTUnwrap(input.judgement)).render()
        XCTAssertTrue(console.contains("  * \(name): regressed: \(line)\n"))
        for (warning, sentence) in Self.warnings {
            XCTAssertTrue(console.contains("  ! \(sentence)\n"), warning.kind)
        }
    }
}
