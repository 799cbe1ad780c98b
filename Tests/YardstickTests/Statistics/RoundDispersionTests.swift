import XCTest
@testable import Yardstick

/// Round medians (ns) measured on this project's 2-core VM, from `shared/data/noise/aa.jsonl`:
/// each array is one process's 10 round medians of the memory-bound `dict` or arithmetic `spin`.
final class RoundDispersionTests: XCTestCase {
    private func dispersion(_ medians: [Double]) throws -> RoundDispersion {
        try XCTUnwrap(RoundDispersion(of: XCTUnwrap(Sample(medians))))
    }

    /// Process 11 (line 11 of aa.jsonl): the dictionary switched between ~10.9 and ~17.5 µs
    /// within the process.
    static let dictionarySwitchingLevels: [Double] = [10951, 10878, 10931, 10950, 16327, 18355, 11371, 16676, 19850, 11320]
    /// Process 1: the dictionary stayed at its slow level all along.
    static let dictionaryStayingSlow: [Double] = [21246, 21806, 20355, 21953, 21329, 19941, 21720, 20166, 21240, 21843]
    /// Process 6: the arithmetic spin at two levels 3% apart, as such work does here.
    static let spinTwoCloseLevels: [Double] = [9731, 10055, 10054, 9730, 9730, 10038, 9734, 9730, 9730, 9729]

    func testLevelSwitchWithinProcessIsReportedAsTwoClusters() throws {
        let dispersion = try self.dispersion(Self.dictionarySwitchingLevels)
        let clusters = try XCTUnwrap(dispersion.clusters)
        // Sorted: 10878 10931 10950 10951 11320 11371 | 16327 16676 18355 19850; the gap
        // 16327 - 11371 = 4956 over np.median of all ten, 11345.5; np.median of the groups
        // 10950.5 and 17515.5.
        XCTAssertEqual(clusters.lowerCount, 6)
        XCTAssertEqual(clusters.upperCount, 4)
        XCTAssertEqual(clusters.lowerMedian, 10950.5)
        XCTAssertEqual(clusters.upperMedian, 17515.5)
        XCTAssertEqual(clusters.relativeGap, 4956.0 / 11345.5, accuracy: 1e-12)
        XCTAssertEqual(clusters.ratio, 17515.5 / 10950.5, accuracy: 1e-12)
        XCTAssertEqual(dispersion.relativeRange, (19850.0 - 10878.0) / 11345.5, accuracy: 1e-12)
    }

    func testSteadyLevelIsOneCluster() throws {
        let dispersion = try self.dispersion(Self.dictionaryStayingSlow)
        XCTAssertNil(dispersion.clusters)
        // numpy: median 21287.5; scipy median_abs_deviation 537.0.
        XCTAssertEqual(dispersion.relativeMedianAbsoluteDeviation, 537.0 / 21287.5, accuracy: 1e-12)
    }

    func testLevelsCloserThanTheThresholdAreNotClusters() throws {
        XCTAssertNil(try dispersion(Self.spinTwoCloseLevels).clusters)
    }

    func testSingleStragglerIsNotACluster() throws {
        let medians: [Double] = [100, 101, 100, 102, 101, 100, 99, 100, 101, 160]
        XCTAssertNil(try dispersion(medians).clusters)
    }

    func testTwoStragglersMakeACluster() throws {
        let medians: [Double] = [100, 101, 100, 102, 101, 100, 99, 100, 160, 161]
        let clusters = try XCTUnwrap(try dispersion(medians).clusters)
        XCTAssertEqual(clusters.lowerCount, 8)
        XCTAssertEqual(clusters.upperCount, 2)
    }

    func testZeroMedianHasNoRelativeSpread() throws {
        XCTAssertNil(RoundDispersion(of: try XCTUnwrap(Sample([0, 0, 0, 1]))))
    }

    func testFewerThanFourRoundsAreNeverSplit() throws {
        XCTAssertNil(try dispersion([100, 100, 200]).clusters)
    }
}
