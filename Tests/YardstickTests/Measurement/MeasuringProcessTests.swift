import XCTest
@testable import Yardstick

final class ProcessFanOutTests: XCTestCase {
    func testChildrenGetTheSameSelectionAndConfigurationAndKeepEverySample() {
        var options = MeasurementOptions()
        options.filters = ["^cache\\.", "-leading-dash"]
        options.overrides = BenchmarkConfiguration(warmupIterations: 0, iterations: 500, rounds: 4, timeLimit: .milliseconds(1_500))
        options.processes = 3
        let arguments = ProcessFanOut(options: options, console: CapturedConsole().console()).childArguments(output: "/tmp/p0")
        XCTAssertEqual(arguments, [
            "run", "--no-baseline", "--quiet", "--output", "/tmp/p0", "--sample-cap", "2147483647",
            "--filter=^cache\\.", "--filter=-leading-dash",
            "--iterations", "500", "--warmup", "0", "--rounds", "4", "--time-limit", "1500000000ns",
        ])
        guard case .run(let child) = try? CommandParser.parse(arguments) else { return XCTFail("the child cannot parse its arguments") }
        XCTAssertEqual(child.measurement.filters, options.filters)
        XCTAssertEqual(child.measurement.overrides, options.overrides)
        XCTAssertEqual(child.measurement.processes, 1)
        XCTAssertEqual(child.baseline, BaselineChoice.none)
    }
}
