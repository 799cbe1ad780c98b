/// The text of `bench --help` and `bench help SUBCOMMAND`, generated from the option tables so
/// that it cannot drift from what the parser accepts.
enum HelpText {
    static func overview() -> String {
        """
        bench: run benchmark suites, summarise them, and write results.json.

        USAGE
          bench [run] [OPTIONS]     measure the registered benchmarks (the default)
          bench list [--filter RE]  list suites and benchmarks with their configuration
          bench help [SUBCOMMAND]   show help
          bench --version           print the version

        Measure with a release build: swift run -c release bench

        OPTIONS OF run
        \(options(CommandParser.runOptions))

        EXIT CODES
          0  every benchmark completed
          1  a benchmark ended in an error (it threw, ran past its time limit, or hung)
          2  usage or input error: bad flag or value, a filter matching no benchmark,
             an invalid definition, an output that cannot be written

        """
    }

    static func subcommand(_ name: String) -> String {
        switch name {
        case "list":
            return """
            USAGE
              bench list [--filter REGEX ...]

            Lists every registered suite and benchmark with its resolved configuration.

            OPTIONS
            \(options(CommandParser.listOptions))

            """
        case "help":
            return "USAGE\n  bench help [SUBCOMMAND]\n\nShows help for a subcommand: run, list.\n"
        default:
            return """
            USAGE
              bench [run] [OPTIONS]

            Sets up every selected benchmark, measures rounds interleaved across benchmarks,
            prints a summary table on standard output and writes OUTPUT/results.json.
            Progress goes to standard error.

            OPTIONS
            \(options(CommandParser.runOptions))

            """
        }
    }

    private static func options(_ specs: [OptionSpec]) -> String {
        let labels = specs.map { spec in
            let names = [spec.short, spec.name].compactMap { $0 }.joined(separator: ", ")
            return spec.valueName.map { "\(names) \($0)" } ?? names
        }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, specs).map { label, spec in
            "  " + label + String(repeating: " ", count: width - label.count + 2) + spec.help
        }.joined(separator: "\n")
    }
}
