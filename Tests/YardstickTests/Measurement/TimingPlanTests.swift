import XCTest
@testable import Yardstick

final class TimingPlanTests: XCTestCase {
    func testWindowSizesAddUpToTheIterationsNeverExceedTheBatchSizeAndDifferByAtMostOne() {
        XCTAssertEqual(TimingPlan(batchSize: 300, clockOverheadNanoseconds: 25).windowSizes(iterations: 1_000), [250, 250, 250, 250])
        XCTAssertEqual(TimingPlan(batchSize: 334, clockOverheadNanoseconds: 25).windowSizes(iterations: 1_000), [334, 333, 333])
        XCTAssertEqual(TimingPlan(batchSize: 1, clockOverheadNanoseconds: 0).windowSizes(iterations: 4), [1, 1, 1, 1])
        XCTAssertEqual(TimingPlan(batchSize: 7, clockOverheadNanoseconds: 0).windowSizes(iterations: 5), [5])
    }

    /// The reported batch size is the largest window really timed: 10,000 calls with a wanted
    /// size of 5,786 are cut into two windows of 5,000, not one of 10,000 reported as 5,786.
    func testBatchSizeIsEvenedToTheWindowsReallyTimed() {
        XCTAssertEqual(TimingPlan.evenBatchSize(near: 5_786, iterations: 10_000), 5_000)
        XCTAssertEqual(TimingPlan.evenBatchSize(near: 300, iterations: 1_000), 334)
        XCTAssertEqual(TimingPlan.evenBatchSize(near: 7, iterations: 5), 5)
        let plan = TimingPlan(batchSize: TimingPlan.evenBatchSize(near: 5_786, iterations: 10_000), clockOverheadNanoseconds: 0)
        XCTAssertEqual(plan.windowSizes(iterations: 10_000), [5_000, 5_000])
    }

    func testAutomaticModeBatchesShortCallsToTheTarget() {
        // The target is max(10 µs, 400 × 25 ns) = 10 µs, so a 20 ns call gets batches of 500.
        let plan = TimingPlan.choose(mode: .automatic, nanosecondsPerCall: 20, iterations: 100_000, clockOverheadNanoseconds: 25)
        XCTAssertEqual(plan.batchSize, 500)
        XCTAssertTrue(plan.isBatched)
        XCTAssertEqual(plan.estimatedNanosecondsPerCall, 20)
    }

    func testBatchTargetGrowsWithAnExpensiveClock() {
        XCTAssertEqual(TimingPlan.batchTarget(clockOverheadNanoseconds: 25), 10_000)
        XCTAssertEqual(TimingPlan.batchTarget(clockOverheadNanoseconds: 100), 40_000)
    }

    func testAutomaticModeTimesCallsOfAMicrosecondOrMoreOneByOne() {
        let plan = TimingPlan.choose(mode: .automatic, nanosecondsPerCall: 1_000, iterations: 1_000, clockOverheadNanoseconds: 25)
        XCTAssertEqual(plan.batchSize, 1)
        XCTAssertFalse(plan.isBatched)
    }

    func testBatchSizeNeverExceedsTheIterations() {
        let plan = TimingPlan.choose(mode: .automatic, nanosecondsPerCall: 1, iterations: 64, clockOverheadNanoseconds: 25)
        XCTAssertEqual(plan.batchSize, 64)
    }

    func testExplicitModesWin() {
        XCTAssertEqual(TimingPlan.choose(mode: .perCall, nanosecondsPerCall: 1, iterations: 100, clockOverheadNanoseconds: 25).batchSize, 1)
        XCTAssertEqual(TimingPlan.choose(mode: .batched(size: 8), nanosecondsPerCall: 5_000, iterations: 100, clockOverheadNanoseconds: 25).batchSize, 8)
        XCTAssertEqual(TimingPlan.choose(mode: .batched(size: nil), nanosecondsPerCall: 5_000, iterations: 100, clockOverheadNanoseconds: 25).batchSize, 2)
    }

    // MARK: Plans decided before (PriorTimingPlans)

    private func reused(_ mode: TimingMode, _ size: Int?, iterations: Int = 10_000) -> Int? {
        TimingPlan.withoutTrial(mode: mode, reusing: size, iterations: iterations, clockOverheadNanoseconds: 25)?.batchSize
    }

    func testAnAutomaticBenchmarkReusesTheBaselinesPlanWithoutATrial() {
        XCTAssertEqual(reused(.automatic, 8), 8, "batched in the baseline: batches of its size")
        XCTAssertEqual(reused(.automatic, 1), 1, "per call in the baseline: per call")
        XCTAssertNil(reused(.automatic, nil), "not in the baseline: a batch-size trial")
        XCTAssertEqual(reused(.automatic, 300, iterations: 1_000), 334, "evened to the round's windows")
    }

    func testAModePinnedInCodeWinsOverAReusedPlan() {
        XCTAssertEqual(reused(.perCall, 8), 1)
        XCTAssertEqual(reused(.perCall, nil), 1)
        XCTAssertEqual(reused(.batched(size: 16), 1), 16)
        XCTAssertEqual(reused(.batched(size: 16), 40), 16)
        // Pinned to batches of an automatic size: a batched plan gives its size, a per-call one
        // cannot change the pinned mode, so the size is chosen by a batch-size trial.
        XCTAssertEqual(reused(.batched(size: nil), 8), 8)
        XCTAssertNil(reused(.batched(size: nil), 1))
        XCTAssertNil(reused(.batched(size: nil), nil))
    }

    private func kept(_ previous: Int?, at nanosecondsPerCall: Double, mode: TimingMode = .automatic) -> Int {
        TimingPlan.choose(
            mode: mode, nanosecondsPerCall: nanosecondsPerCall, iterations: 10_000, clockOverheadNanoseconds: 25, keeping: previous
        ).batchSize
    }

    func testTheHysteresisBandIsHalfToTwiceTheThreshold() {
        XCTAssertEqual(TimingMode.hysteresisBand.lowerBound, .nanoseconds(500))
        XCTAssertEqual(TimingMode.hysteresisBand.upperBound, .microseconds(2))
    }

    func testABatchedPlanIsKeptUpToTwiceTheThresholdThenChosenAfresh() {
        XCTAssertEqual(kept(8, at: 1_500), 8, "above the threshold, inside the band")
        XCTAssertEqual(kept(8, at: 2_000), 8, "at the band's edge")
        XCTAssertEqual(kept(8, at: 2_001), 1, "beyond it: per call")
        XCTAssertEqual(kept(8, at: 300), 8, "faster, on its own side: the size is kept too")
        XCTAssertEqual(kept(nil, at: 1_500), 1, "without a previous plan, the threshold decides")
    }

    func testAPerCallPlanIsKeptDownToHalfTheThresholdThenChosenAfresh() {
        XCTAssertEqual(kept(1, at: 700), 1, "below the threshold, inside the band")
        XCTAssertEqual(kept(1, at: 500), 1, "at the band's edge")
        // Beyond it the batch size is chosen afresh: 10 µs over 499 ns is 21 calls, evened to
        // 476 windows of at most 22 for 10,000 calls.
        XCTAssertEqual(kept(1, at: 499), 22)
        XCTAssertEqual(kept(nil, at: 700), 15, "without a previous plan, the threshold decides")
    }

    func testAPinnedModeIgnoresThePlanToKeep() {
        XCTAssertEqual(kept(8, at: 700, mode: .perCall), 1)
        XCTAssertEqual(kept(1, at: 700, mode: .batched(size: 4)), 4)
        XCTAssertEqual(kept(1, at: 700, mode: .batched(size: nil)), 15)
    }

    func testDurationNanosecondsSaturate() {
        XCTAssertEqual(Duration.milliseconds(1_500).nanoseconds, 1_500_000_000)
        XCTAssertEqual(Duration.seconds(Int64.max).nanoseconds, .max)
        XCTAssertEqual((Duration.seconds(9_223_372_036) + .milliseconds(900)).nanoseconds, .max)
        XCTAssertEqual(Duration.seconds(-1).unsignedNanoseconds, 0)
    }

    func testSaturatingArithmetic() {
        XCTAssertEqual(UInt64.max.addingSaturating(1), .max)
        XCTAssertEqual(UInt64(5).addingSaturating(6), 11)
        XCTAssertEqual(UInt64(5).subtractingSaturating(6), 0)
        XCTAssertEqual(UInt64(6).subtractingSaturating(5), 1)
    }
}
