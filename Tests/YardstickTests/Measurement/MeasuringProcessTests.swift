import Foundation
import XCTest
@testable import Yardstick

final class MeasuringProcessTests: XCTestCase {
    func testChildrenGetTheSameSelectionAndConfigurationAndKeepEverySample() {
        let filters = ["^cache\\.", "-leading-dash"]
        let overrides = BenchmarkConfiguration(warmupIterations: 0, iterations: 500, rounds: 4, timeLimit: .milliseconds(1_500))
        let child = MeasuringProcess(executable: URL(fileURLWithPath: "/bin/bench"), filters: filters, overrides: overrides)
        let arguments = child.arguments(output: URL(fileURLWithPath: "/tmp/p0"))
        XCTAssertEqual(arguments, [
            "run", "--no-baseline", "--quiet", "--output", "/tmp/p0", "--sample-cap", "2147483647",
            "--filter=^cache\\.", "--filter=-leading-dash",
            "--iterations", "500", "--warmup", "0", "--rounds", "4", "--time-limit", "1500000000ns",
        ])
        guard case .run(let parsed) = try? CommandParser.parse(arguments) else { return XCTFail("the child cannot parse its arguments") }
        XCTAssertEqual(parsed.measurement.filters, filters)
        XCTAssertEqual(parsed.measurement.overrides, overrides)
        XCTAssertEqual(parsed.measurement.processes, 1)
        XCTAssertEqual(parsed.baseline, BaselineChoice.none)
    }
}
