import XCTest
@testable import Yardstick

final class ProcessEstimatorTests: XCTestCase {
    private let rounds = [130.0, 100, 120, 140]
    private let control = [65.0, 52, 50, 70]

    func testTheFastestRoundIsTheSmallestRoundValue() {
        XCTAssertEqual(ProcessEstimator.fastestRound.estimate(rounds, control: nil), 100)
    }

    func testTheFastestRoundOverTheControlsDividesTheTwoMinimums() {
        let estimator = ProcessEstimator(kind: .fastestRoundOverControl, control: "s.control")
        XCTAssertEqual(estimator.estimate(rounds, control: control)!, 100.0 / 50, accuracy: 1e-15)
    }

    func testTheRoundRatioPairsRoundsByTheirNumberWhenARoundRecordedNoValue() {
        // Round 2 of the benchmark has no value: round 3 must pair with the control's round 3
        // (30 / 2 = 15), not slide onto round 2 (30 / 3 = 10). Ratios 10 and 15: median 12.5.
        let estimator = ProcessEstimator(kind: .roundRatioToControl, control: "s.control")
        XCTAssertEqual(estimator.estimate(rounds: [10, nil, 30], controlRounds: [1, 3, 2])!, 12.5, accuracy: 1e-15)
        // The fastest round and its ratio skip the missing values on each side.
        XCTAssertEqual(ProcessEstimator.fastestRound.estimate(rounds: [10, nil, 30], controlRounds: nil), 10)
        let overControl = ProcessEstimator(kind: .fastestRoundOverControl, control: "s.control")
        XCTAssertEqual(overControl.estimate(rounds: [10, nil, 30], controlRounds: [nil, 4, 2])!, 5, accuracy: 1e-15)
    }

    func testTheRoundRatioIsTheMedianOfRoundByRoundRatios() {
        // 130/65 = 2, 100/52 = 1.923…, 120/50 = 2.4, 140/70 = 2: median (2 + 2) / 2.
        let estimator = ProcessEstimator(kind: .roundRatioToControl, control: "s.control")
        XCTAssertEqual(estimator.estimate(rounds, control: control)!, 2, accuracy: 1e-15)
    }

    func testAnEstimateNeedsPositiveValuesAndAControlWhenItDivides() {
        XCTAssertNil(ProcessEstimator.fastestRound.estimate([0, 5], control: nil))
        XCTAssertNil(ProcessEstimator.fastestRound.estimate([], control: nil))
        XCTAssertNil(ProcessEstimator(kind: .fastestRoundOverControl, control: "c").estimate(rounds, control: nil))
        XCTAssertNil(ProcessEstimator(kind: .roundRatioToControl, control: "c").estimate(rounds, control: [1, 0, 1, 1]))
    }

    func testSpreadWithinSidesIgnoresTheChangeBetweenThem() {
        // Each side centred on its median on a log scale: distances ln 2, 0, ln 2 on both sides.
        let spread = ProcessEstimator.withinSideSpread([[1, 2, 4], [10, 20, 40]])
        XCTAssertEqual(spread, log(2.0), accuracy: 1e-15)
        XCTAssertEqual(spread, ProcessEstimator.withinSideSpread([[1, 2, 4], [1, 2, 4]]), accuracy: 1e-15)
        XCTAssertEqual(ProcessEstimator.withinSideSpread([[3, 3], [5, 5]]), 0)
    }
}
