import XCTest
@testable import Yardstick

/// Reference p-values from scipy 1.17.1, `scipy.stats.mannwhitneyu(x, y)` with its defaults
/// (two-sided, method="auto", use_continuity=True):
///
/// ```python
/// from scipy.stats import mannwhitneyu
/// mannwhitneyu([1.2, 3.4, 2.2, 5.0, 4.1], [2.9, 6.3, 7.7, 5.5, 8.8, 6.1])  # U=3.0, p=0.030303030303030304
/// mannwhitneyu(range(1, 9), range(9, 19))                                # U=0.0, p=4.570592805886923e-05
/// mannwhitneyu(range(10), range(10, 20))                                 # U=0.0, p=0.00018267179110955002
/// mannwhitneyu([1, 2, 2, 3, 5], [2, 4, 4, 6, 7, 8])                      # U=5.0, p=0.07934368319771502
/// mannwhitneyu(cur, base)       # (spin, below) U=300.0, p=2.99868047714235e-06
/// mannwhitneyu(aa5, base)       # U=56.5, p=0.003653744477320817
/// mannwhitneyu([5, 5, 5], [5, 5, 5, 5])                                  # U=6.0, p=1.0
/// mannwhitneyu([0.5, 150.5, 399.5], range(400))                          # U=552.0, p=0.8238595762731985
/// mannwhitneyu([1000.5, 1001.5, 1002.5, 1003.5, 1004.5], range(1000))    # U=5000.0, p=2.364333496580929e-13
/// mannwhitneyu([0.5, 100.5, 200.5, 300.5, 900.5], range(1000), method="asymptotic")
///                                                                        # U=1505.0, p=0.12452085693735529
/// mannwhitneyu([1, 1, 2], [3, 3, 4])                                     # p=0.07219819770165753
/// mannwhitneyu([1, 1, 1], [2, 2, 2])                                     # p=0.04685417760387376
/// mannwhitneyu([1, 2, 3], [4, 5, 6])                                     # p=0.1
/// mannwhitneyu([1, 1, 2, 2], [3, 3, 3, 4])                               # p=0.02465328583129342
/// ```
final class MannWhitneyUTests: XCTestCase {
    private func test(_ x: [Double], _ y: [Double]) -> MannWhitneyU {
        MannWhitneyU(Sample(x)!, Sample(y)!)
    }

    func testExactSmallSamplesWithoutTies() {
        let result = test([1.2, 3.4, 2.2, 5.0, 4.1], [2.9, 6.3, 7.7, 5.5, 8.8, 6.1])
        XCTAssertEqual(result.method, .exact)
        XCTAssertEqual(result.statistic, 3)
        XCTAssertEqual(result.pValue, 0.030303030303030304, accuracy: 1e-15)
        let swapped = test([2.9, 6.3, 7.7, 5.5, 8.8, 6.1], [1.2, 3.4, 2.2, 5.0, 4.1])
        XCTAssertEqual(swapped.statistic, 27)
        XCTAssertEqual(swapped.pValue, result.pValue, accuracy: 1e-15)
    }

    func testExactWhenOneSampleHasEightValues() {
        let result = test((1...8).map(Double.init), (9...18).map(Double.init))
        XCTAssertEqual(result.method, .exact)
        XCTAssertEqual(result.statistic, 0)
        XCTAssertEqual(result.pValue, 4.570592805886923e-05, accuracy: 1e-18)
    }

    func testAsymptoticWhenBothSamplesExceedEight() {
        let result = test((0..<10).map(Double.init), (10..<20).map(Double.init))
        XCTAssertEqual(result.method, .asymptotic)
        XCTAssertEqual(result.pValue, 0.00018267179110955002, accuracy: 1e-15)
    }

    func testTiesForceTheAsymptoticMethodWithTieCorrection() {
        let result = test([1, 2, 2, 3, 5], [2, 4, 4, 6, 7, 8])
        XCTAssertEqual(result.method, .asymptotic)
        XCTAssertEqual(result.statistic, 5)
        XCTAssertEqual(result.pValue, 0.07934368319771502, accuracy: 1e-14)
    }

    /// Round medians (ns) of the arithmetic `spin` from shared/data/noise: `base` is processes 2-4
    /// of aa.jsonl, `cur` the first process of ab.jsonl (10% slower code), `aa5` process 6 of
    /// aa.jsonl.
    static let base: [Double] = [
        10080, 9789, 9794, 9792, 9801, 10459, 9785, 9765, 9800, 10122,
        10108, 9817, 10054, 10071, 10057, 10480, 10393, 9764, 10039, 10043,
        9793, 9801, 9790, 9795, 9793, 9853, 10092, 9774, 9802, 10089,
    ]
    static let slower: [Double] = [10787, 10787, 10788, 11148, 10803, 10787, 10792, 10785, 11145, 10791]
    static let aa5: [Double] = [9731, 10055, 10054, 9730, 9730, 10038, 9734, 9730, 9730, 9729]

    func testMeasuredRoundMediansMatchScipy() {
        let slower = test(Self.slower, Self.base)
        XCTAssertEqual(slower.statistic, 300)
        XCTAssertEqual(slower.pValue, 2.99868047714235e-06, accuracy: 1e-17)
        let unchanged = test(Self.aa5, Self.base)
        XCTAssertEqual(unchanged.statistic, 56.5)
        XCTAssertEqual(unchanged.pValue, 0.003653744477320817, accuracy: 1e-15)
    }

    func testIdenticalSamplesGiveOne() {
        XCTAssertEqual(test([5, 5, 5], [5, 5, 5, 5]).pValue, 1)
    }

    /// The exact distribution comes from the Gaussian binomial's product form, so a short sample
    /// against a long one costs O(m²·n), not the O(m·n²) memory of the table it replaced (8
    /// against 2,000 rounds took 267 MB).
    func testExactAgainstALongSampleMatchesScipy() {
        let short = test([0.5, 150.5, 399.5], (0..<400).map(Double.init))
        XCTAssertEqual(short.method, .exact)
        XCTAssertEqual(short.statistic, 552)
        XCTAssertEqual(short.pValue, 0.8238595762731985, accuracy: 1e-14)
        let extreme = test([1000.5, 1001.5, 1002.5, 1003.5, 1004.5], (0..<1000).map(Double.init))
        XCTAssertEqual(extreme.method, .exact)
        XCTAssertEqual(extreme.pValue, 2.364333496580929e-13, accuracy: 1e-26)
    }

    /// Beyond 2⁵³ arrangements the counts are not exact in a `Double`: 5 against 3,000 rounds
    /// (C(3005, 5) ≈ 2.0e15) is exact, 5 against 6,000 (6.5e16) uses the normal approximation.
    func testExactCountsStopWhereDoublesStopBeingExact() {
        XCTAssertEqual(MannWhitneyU.binomial(1005, 5), 8_459_043_543_951)
        XCTAssertEqual(MannWhitneyU.binomial(10, 5), 252)
        XCTAssertTrue(MannWhitneyU.binomial(200, 100) == nil)
        XCTAssertTrue(MannWhitneyU.exactCounts(5, 3000) != nil)
        XCTAssertTrue(MannWhitneyU.exactCounts(5, 6000) == nil)
        XCTAssertTrue(MannWhitneyU.exactCounts(8, 2000) == nil)
        let lopsided = test([0.5, 100.5, 200.5, 300.5, 900.5], (0..<6000).map(Double.init))
        XCTAssertEqual(lopsided.method, .asymptotic)
        // Each count of U is C(m + n, m) arrangements in all, and symmetric.
        let counts = MannWhitneyU.exactCounts(4, 7)!
        XCTAssertEqual(counts.reduce(0, +), 330)
        XCTAssertEqual(counts, counts.reversed())
    }

    func testSmallestPossiblePValueIsThatOfSeparatedSamples() {
        let ten = (0..<10).map(Double.init)
        XCTAssertEqual(
            MannWhitneyU.smallestPossiblePValue(Sample(ten)!, Sample(ten.map { $0 + 0.5 })!), 0.00018267179110955002, accuracy: 1e-15
        )
        // Five rounds a side can never reach p < 0.01: 2 / C(10, 5) = 0.0079...
        XCTAssertEqual(MannWhitneyU.smallestPossiblePValue(Sample([1, 3, 5, 7, 9])!, Sample([2, 4, 6, 8, 10])!), 2.0 / 252.0, accuracy: 1e-15)
    }

    /// Ties within a sample shrink the variance of the normal approximation: three rounds a side,
    /// untied, can never reach p < 0.1, but [1, 1, 2] against [3, 3, 4] gives 0.072 (the audit's
    /// case: the old rule called it incomparable at α = 0.08 while printing p = 0.072).
    func testSmallestPossiblePValueCountsTiesWithinEachSample() {
        let x = Sample([1, 1, 2])!, y = Sample([3, 3, 4])!
        XCTAssertEqual(MannWhitneyU(x, y).pValue, 0.07219819770165753, accuracy: 1e-15)
        XCTAssertEqual(MannWhitneyU.smallestPossiblePValue(y, x), 0.07219819770165753, accuracy: 1e-15)
        XCTAssertEqual(MannWhitneyU.smallestPossiblePValue(x, y), 0.07219819770165753, accuracy: 1e-15)
        // Ties across the samples are what a change breaks: [1, 1, 2] against [2, 2, 3] could
        // become [1, 1, 2] against [3, 3, 4].
        XCTAssertEqual(MannWhitneyU.smallestPossiblePValue(x, Sample([2, 2, 3])!), 0.07219819770165753, accuracy: 1e-15)
        // Identical values on both sides would still show a change: [5, 5, 5] against [9, 9, 9].
        XCTAssertEqual(MannWhitneyU.smallestPossiblePValue(Sample([5, 5, 5])!, Sample([5, 5, 5])!), 0.04685417760387376, accuracy: 1e-15)
        XCTAssertEqual(MannWhitneyU.smallestPossiblePValue(Sample([1, 2, 3])!, Sample([1, 2, 3])!), 0.1, accuracy: 1e-15)
        XCTAssertEqual(
            MannWhitneyU.smallestPossiblePValue(Sample([1, 1, 2, 2])!, Sample([2, 3, 3, 3])!), 0.02465328583129342, accuracy: 1e-15
        )
    }
}
