import Foundation
import XCTest
@testable import Yardstick

/// Two sides of ten processes, each eight at 1.0 and two at 2.0 (a slow state). Centred on
/// their medians (1.0), the pool is 16 zeros and 4 values of ln 2. A split puts k of the four
/// slow values in the head, with the hypergeometric probabilities C(4,k)·C(16,10−k)/C(20,10):
/// 0.0433, 0.2477, 0.4180, 0.2477, 0.0433 for k = 0…4. For any shift 0 < δ < ln 2 the order of
/// the values, and so the U test, depends on k alone (scipy 1.17.1):
///
/// ```python
/// from scipy.stats import mannwhitneyu
/// import math; d, l2 = 0.3, math.log(2)
/// for k in range(5):
///     mannwhitneyu([d]*(10-k) + [l2+d]*k, [0.0]*(6+k) + [l2]*(4-k))
/// # k=0: U=60,  p=0.4338815747946946
/// # k=1: U=73,  p=0.06738277165726969
/// # k=2: U=84,  p=0.006696314484960565
/// # k=3: U=93,  p=0.0005503130493997942
/// # k=4: U=100, p=4.550596815131822e-05
/// ```
///
/// At α = 0.01 the splits with k ≥ 2 reject: power 0.709 for every δ below ln 2, so 90% power
/// needs δ > ln 2, where every head value passes every base value: the minimum detectable
/// increase is e^(ln 2) − 1 = 100%. At α = 0.1 the splits with k ≥ 1 reject: power 0.957 for any
/// δ > 0, so the minimum detectable increase is 0.
final class DetectableChangeTests: XCTestCase {
    private let sideWithASlowState = Sample([1, 1, 1, 1, 1, 1, 1, 1, 2, 2])!

    private func detectable(_ x: Sample, _ y: Sample, alpha: Double, seed: UInt64 = 1) -> Double {
        var generator = SplitMix64(seed: seed)
        return DetectableChange.minimumDetectableIncrease(x, y, alpha: alpha, using: &generator)
    }

    func testTwoSlowProcessesASideMeanOnlyADoublingIsSeenNineTimesInTen() {
        for seed: UInt64 in [1, 2, 3] {
            XCTAssertEqual(detectable(sideWithASlowState, sideWithASlowState, alpha: 0.01, seed: seed), 1.0, accuracy: 1e-4)
        }
    }

    func testAtALooserLevelAnyChangeIsSeen() {
        XCTAssertEqual(detectable(sideWithASlowState, sideWithASlowState, alpha: 0.1), 0, accuracy: 1e-4)
    }

    func testTheChangeBetweenTheSidesDoesNotCount() {
        let slower = Sample(sideWithASlowState.sorted.map { $0 * 1.37 })!
        XCTAssertEqual(detectable(sideWithASlowState, slower, alpha: 0.01), 1.0, accuracy: 1e-4)
    }

    func testTooFewProcessesCanDetectNothing() {
        // Three against three: no p-value falls below 0.1, so no change reaches α = 0.05.
        let three = Sample([1.0, 1.01, 1.02])!
        XCTAssertEqual(detectable(three, three, alpha: 0.05), DetectableChange.searchLimit)
    }

    func testWiderSpreadNeedsALargerChange() {
        let narrow = Sample((0..<12).map { 1 + 0.002 * Double($0) })!
        let wide = Sample((0..<12).map { 1 + 0.02 * Double($0) })!
        let narrowChange = detectable(narrow, narrow, alpha: 0.01)
        let wideChange = detectable(wide, wide, alpha: 0.01)
        XCTAssertLessThan(narrowChange, 0.03)
        XCTAssertGreaterThan(wideChange, 5 * narrowChange)
    }

    func testTheSameSeedGivesTheSameAnswer() {
        let values = Sample((0..<12).map { 1 + 0.01 * Double($0 * $0 % 7) })!
        XCTAssertEqual(detectable(values, values, alpha: 0.01, seed: 9), detectable(values, values, alpha: 0.01, seed: 9))
    }
}
