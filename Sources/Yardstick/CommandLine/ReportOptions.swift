import Foundation

/// Options of `bench report`.
struct ReportOptions: Equatable {
    /// The results file to render.
    var source: String
    var formats: [ReportFormat] = ReportFormat.allCases
    var outputDirectory = "reports"
    var baselinesDirectory = "baselines"
}

extension CommandParser {
    static let reportOptions: [OptionSpec] = [
        OptionSpec(name: "--from", valueName: "FILE", help: "The results file to render (required)."),
        OptionSpec(name: "--format", valueName: "LIST", help: "Comma-separated: md, html, junit, json, prom (default: all)."),
        OptionSpec(name: "--output", valueName: "DIR", help: "Directory for the files (default: \(ReportOptions(source: "").outputDirectory))."),
        baselinesOption,
        helpOption,
    ]

    static func parseReport(_ arguments: ArraySlice<String>) throws(CommandLineError) -> Command {
        let parsed = try ArgumentParser.parse(arguments, options: reportOptions, command: "report")
        if parsed.has("--help") { return .help(subcommand: "report") }
        try rejectPositionals(parsed, command: "report")
        guard let source = parsed.value("--from") else {
            throw .usage("'bench report' needs --from FILE, the results file to render")
        }
        var options = ReportOptions(source: source)
        if let list = parsed.value("--format") {
            var formats: [ReportFormat] = []
            for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let format = ReportFormat(rawValue: name) else {
                    let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .usage("--format: unknown report format '\(name)' (expected some of: \(known))")
                }
                if !formats.contains(format) { formats.append(format) }
            }
            if formats.isEmpty { throw .usage("--format needs at least one format") }
            options.formats = formats
        }
        options.outputDirectory = try directory(parsed, "--output") ?? options.outputDirectory
        options.baselinesDirectory = try directory(parsed, "--baselines") ?? options.baselinesDirectory
        return .report(options)
    }
}
