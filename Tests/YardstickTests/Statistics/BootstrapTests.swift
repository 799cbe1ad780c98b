import XCTest
@testable import Yardstick

/// The percentile bootstrap of a ratio of medians against scipy 1.17.1. Resampling is random,
/// so the two implementations agree only up to Monte Carlo error; the references are the range
/// of scipy's bounds over 20 seeds:
///
/// ```python
/// from scipy.stats import bootstrap
/// stat = lambda c, b, axis: np.median(c, axis=axis) / np.median(b, axis=axis)
/// for seed in range(20):
///     bootstrap((cur, base), stat, method='percentile', n_resamples=10000, paired=False,
///               vectorized=True, rng=np.random.default_rng(seed)).confidence_interval
/// ```
final class BootstrapTests: XCTestCase {
    private func interval(_ current: [Double], _ baseline: [Double], seed: UInt64 = 42) throws -> Estimate {
        var generator = SplitMix64(seed: seed)
        return try XCTUnwrap(Bootstrap.ratioOfMedians(Sample(current)!, Sample(baseline)!, using: &generator))
    }

    /// spin: `cur` = the slower process, `base` = three unchanged processes (MannWhitneyUTests).
    /// scipy's lower bounds ranged 1.0728457-1.0729949 and upper bounds 1.1033581-1.1152021;
    /// the point estimate is 1.0999031551047453.
    func testSteadyBenchmarkMatchesScipy() throws {
        let estimate = try interval(MannWhitneyUTests.slower, MannWhitneyUTests.base)
        XCTAssertEqual(estimate.point, 1.0999031551047453, accuracy: 1e-12)
        XCTAssertEqual(estimate.confidence, 0.95)
        XCTAssertEqual(estimate.lower, 1.07292, accuracy: 0.002)
        XCTAssertEqual(estimate.upper, 1.10939, accuracy: 0.008)
    }

    /// dict: a process that switched levels (aa.jsonl line 11) against three others (lines 5-7).
    /// scipy: lower 0.5702771-0.5832348, upper 0.9412429-0.9505345; point 0.6231223396951806.
    func testLevelSwitchingBenchmarkMatchesScipy() throws {
        let current: [Double] = [10951, 10878, 10931, 10950, 16327, 18355, 11371, 16676, 19850, 11320]
        let baseline: [Double] = [
            21242, 21011, 21289, 21217, 21091, 21130, 21720, 21594, 21040, 20963,
            17717, 18697, 18746, 18646, 18111, 18207, 18737, 17666, 18208, 17646,
            16667, 16653, 16693, 16628, 17300, 16715, 17245, 16723, 17232, 16677,
        ]
        let estimate = try interval(current, baseline)
        XCTAssertEqual(estimate.point, 0.6231223396951806, accuracy: 1e-12)
        XCTAssertEqual(estimate.lower, 0.57676, accuracy: 0.012)
        XCTAssertEqual(estimate.upper, 0.94589, accuracy: 0.010)
    }

    func testSameSeedGivesTheSameIntervalAndAnotherSeedMayNot() throws {
        let first = try interval(MannWhitneyUTests.slower, MannWhitneyUTests.base, seed: 7)
        let again = try interval(MannWhitneyUTests.slower, MannWhitneyUTests.base, seed: 7)
        XCTAssertEqual(first, again)
        var byName = SplitMix64(seed: "harness.empty")
        var byNameAgain = SplitMix64(seed: "harness.empty")
        XCTAssertEqual(byName.next(), byNameAgain.next())
        XCTAssertNotEqual(SplitMix64(seed: "a").hashValueForTests, SplitMix64(seed: "b").hashValueForTests)
    }

    /// A resample's median is drawn from the order statistics, not by drawing n values; its
    /// distribution must be the same. By hand: a resample of [1, 2, 3] has median 1 when at
    /// least two of its three draws are 1: 3·(1/3)²·(2/3) + (1/3)³ = 7/27; median 2 with 13/27.
    /// A resample of [1, 2] has median 1, 1.5 or 2 with 1/4, 1/2, 1/4.
    func testResampledMediansFollowTheResamplingDistribution() {
        var generator = SplitMix64(seed: 3)
        let three = ResampledMedian(of: Sample([3, 1, 2])!)
        let draws = 100_000
        var counts: [Double: Int] = [:]
        for _ in 0..<draws { counts[three.draw(using: &generator), default: 0] += 1 }
        XCTAssertEqual(Set(counts.keys), [1, 2, 3])
        XCTAssertEqual(Double(counts[1]!) / Double(draws), 7.0 / 27, accuracy: 0.005)
        XCTAssertEqual(Double(counts[2]!) / Double(draws), 13.0 / 27, accuracy: 0.005)
        let two = ResampledMedian(of: Sample([2, 1])!)
        counts = [:]
        for _ in 0..<draws { counts[two.draw(using: &generator), default: 0] += 1 }
        XCTAssertEqual(Set(counts.keys), [1, 1.5, 2])
        XCTAssertEqual(Double(counts[1.5]!) / Double(draws), 0.5, accuracy: 0.005)
        XCTAssertEqual(Double(counts[1]!) / Double(draws), 0.25, accuracy: 0.005)
    }

    /// The cost no longer grows with the sample: 100,000 rounds a side, which took 74 s when every
    /// resample was drawn and sorted, is checked here for its result only; its interval must
    /// be as narrow as a median of that many values allows (for a uniform sample of n values
    /// the median's standard error is about 0.5/√n of the range, 0.16% here).
    func testLargeSamplesGiveNarrowIntervals() throws {
        let base = (0..<100_000).map { 1_000 + Double($0 % 1_000) / 10 }
        let head = base.map { $0 * 1.05 }
        var generator = SplitMix64(seed: 9)
        let estimate = try XCTUnwrap(Bootstrap.ratioOfMedians(Sample(head)!, Sample(base)!, resamples: 2_000, using: &generator))
        XCTAssertEqual(estimate.point, 1.05, accuracy: 1e-12)
        XCTAssertGreaterThan(estimate.lower, 1.048)
        XCTAssertLessThan(estimate.upper, 1.052)
    }

    func testRatiosBeyondADoubleHaveNoInterval() {
        var generator = SplitMix64(seed: 1)
        XCTAssertNil(Bootstrap.ratioOfMedians(Sample([1e308, 1e308])!, Sample([1e-10, 2e-10])!, using: &generator))
        XCTAssertNil(Bootstrap.ratioOfMedians(Sample([2_000, 2_000].map { $0 * Double.leastNonzeroMagnitude })!, Sample([1e10, 2e10])!, using: &generator))
    }

    func testZeroInTheDenominatorHasNoRatio() {
        var generator = SplitMix64(seed: 1)
        XCTAssertNil(Bootstrap.ratioOfMedians(Sample([1, 2])!, Sample([0, 3, 4])!, using: &generator))
    }

    /// SplitMix64's first outputs for seed 0, from the reference implementation
    /// (https://prng.di.unimi.it/splitmix64.c).
    func testSplitMix64MatchesItsReference() {
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xe220_a839_7b1d_cdaf)
        XCTAssertEqual(generator.next(), 0x6e78_9e6a_a1b9_65f4)
        XCTAssertEqual(generator.next(), 0x06c4_5d18_8009_454f)
    }
}

private extension SplitMix64 {
    var hashValueForTests: UInt64 {
        var copy = self
        return copy.next()
    }
}
