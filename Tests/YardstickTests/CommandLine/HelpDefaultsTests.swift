import XCTest
@testable import Yardstick

/// Every default the help states is the value the parser gives when the option is left out:
/// giving the option its stated default changes nothing, so the help cannot drift from the
/// options types.
final class HelpDefaultsTests: XCTestCase {
    /// Each command with the arguments it cannot run without, and its option table.
    private let commands: [(arguments: [String], specs: [OptionSpec])] = [
        (["run"], CommandParser.runOptions),
        (["list"], CommandParser.listOptions),
        (["history"], CommandParser.historyOptions),
        (["baseline", "update"], CommandParser.baselineUpdateOptions),
        (["merge", "shard-1"], CommandParser.mergeOptions),
        (["compare", "old.json", "new.json"], CommandParser.compareOptions),
        (["report", "--from", "results.json"], CommandParser.reportOptions),
        (["monitor"], CommandParser.monitorOptions),
        (["ab", "--base-ref", "main"], CommandParser.abOptions),
    ]

    /// Defaults the help describes in words, not as a value the option takes.
    private let describedDefaults: Set<String> = [
        "'default', if it exists", "write nothing", "all", "run until --duration, SIGINT or SIGTERM",
        "build the working tree", "the current directory", "random, printed", "--interval",
    ]

    /// What an option needs beside it to be accepted at all.
    private func context(_ command: [String], _ option: String) -> [String] {
        switch (command.prefix(2).joined(separator: " "), option) {
        case ("baseline update", "--output"): ["--shard", "1/1"]
        case (_, "--webhook-format"): ["--webhook", "http://127.0.0.1:9/"]
        default: []
        }
    }

    /// `X` of a help line ending in `(default: X).`.
    private func statedDefault(_ help: String) -> String? {
        guard help.hasSuffix(")."), let start = help.range(of: "(default: ", options: .backwards) else { return nil }
        return String(help[start.upperBound..<help.index(help.endIndex, offsetBy: -2)])
    }

    func testGivingAnOptionItsStatedDefaultChangesNothing() throws {
        var checked: [String] = []
        for (arguments, specs) in commands {
            for spec in specs {
                guard let stated = statedDefault(spec.help), !describedDefaults.contains(stated) else { continue }
                let label = "bench \(arguments[0]) \(spec.name): the help says (default: \(stated))"
                if spec.name == "--alpha" {
                    // Left out, each benchmark keeps its own alpha, which defaults to this one.
                    XCTAssertEqual(Double(stated), BenchmarkConfiguration().resolved().alpha, label)
                    continue
                }
                let base = arguments + context(arguments, spec.name)
                let withoutOption = try CommandParser.parse(base)
                let withStatedDefault = try CommandParser.parse(base + [spec.name, stated])
                XCTAssertEqual(withStatedDefault, withoutOption, label)
                checked.append("\(arguments[0]) \(spec.name)")
            }
        }
        // Guards the test itself: the help states these defaults, and each was checked.
        for expected in [
            "run --processes", "run --sample-cap", "baseline --processes", "baseline --history-limit", "baseline --name",
            "monitor --interval", "monitor --percentile", "monitor --retention", "monitor --critical-tolerances",
            "monitor --http-timeout", "monitor --webhook-format", "ab --processes", "report --output",
        ] {
            XCTAssertTrue(checked.contains(expected), "\(expected) was not checked")
        }
    }

    func testDurationsAreWrittenAsTheFlagsTakeThem() {
        XCTAssertEqual(Formatting.argument(.seconds(30)), "30s")
        XCTAssertEqual(Formatting.argument(.seconds(86_400)), "24h")
        XCTAssertEqual(Formatting.argument(.seconds(600)), "10m")
        XCTAssertEqual(Formatting.argument(.milliseconds(1_500)), "1500ms")
        XCTAssertEqual(Formatting.argument(.nanoseconds(1_001)), "1001ns")
        XCTAssertEqual(Formatting.argument(.zero), "0ns")
        for duration: Duration in [.seconds(30), .seconds(86_400), .microseconds(250), .nanoseconds(7)] {
            XCTAssertEqual(DurationParser.parse(Formatting.argument(duration)), duration)
        }
    }
}
