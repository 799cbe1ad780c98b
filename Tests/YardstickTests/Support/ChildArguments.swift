import Foundation
@testable import Yardstick

/// What a measuring child makes of the arguments its parent built, without running it.
enum ChildArguments {
    /// The timing plans a child given `arguments` starts from: it parses them as `bench` does and
    /// reads the plans' file they name, as `bench run` does.
    static func timingPlans(_ arguments: [String]) throws -> PriorTimingPlans? {
        guard case .run(let options) = try CommandParser.parse(arguments) else {
            throw TestFailure("the child's arguments are not a run: \(arguments)")
        }
        guard options.baseline == .none else { throw TestFailure("the child would judge against a baseline") }
        return try RunCommand(options: options, suites: []).priorPlans(baseline: nil)
    }
}
