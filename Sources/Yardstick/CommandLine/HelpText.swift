/// The text of `bench --help` and `bench help SUBCOMMAND`, generated from the option tables so
/// that it cannot drift from what the parser accepts.
enum HelpText {
    static func overview() -> String {
        """
        bench: run benchmark suites, judge them against a baseline, and report.

        Every run writes to OUTPUT (default: \(RunOptions().outputDirectory)): results.json, report.md, junit.xml,
        report.html and metrics.prom; with GITHUB_STEP_SUMMARY set, the Markdown is appended there.

        USAGE
          bench [run] [OPTIONS]            measure, judge against baselines/default.json when it
                                           exists, write reports/results.json (the default)
          bench list [--filter RE]         list suites and benchmarks with their configuration
          bench baseline update [OPTIONS]  measure (or take --from FILE) and bless a baseline
          bench compare OLD.json NEW.json  judge one results file against another (and, with
                                           --output DIR, write its reports)
          bench ab --base-ref REV          build REV and the working tree, measure them in
                                           alternating processes, judge the head against REV
          bench merge DIR...               join the shards of one run (--shard I/N), judge
                                           them as one run, write its reports
          bench report --from FILE         render a saved run's reports again
          bench monitor [OPTIONS]          sample benchmarks and probes on an interval against
                                           thresholds from a baseline, and raise alerts
          bench history [NAME]             the trend of each benchmark over the baseline's updates
          bench help [SUBCOMMAND]          show help
          bench --version                  print the version

        Measure with a release build. A debug build asked to measure (run, monitor, baseline
        update), as 'swift run bench' makes, builds its package's release build and runs that
        instead, with the same arguments; --allow-debug measures in the debug build.

        OPTIONS OF run
        \(options(CommandParser.runOptions))

        \(exitCodes)
        """
    }

    static let exitCodes = """
        EXIT CODES
          0  nothing regressed and no benchmark failed
          1  a benchmark regressed, went over a budget, ended in an error (it threw, ran past
             its time limit, hung or crashed), is missing from the run (unless
             --allow-missing), or could not be compared (unless --allow-incomparable);
             noisy benchmarks count with --strict
          2  usage or input error: a bad flag or value, a filter or --budget matching no
             benchmark, an invalid definition, an unreadable or invalid baseline or results
             file, a baseline from another machine or build (unless
             --allow-foreign-baseline), a refused baseline update, an output that cannot be
             written, a debug build whose release build fails (see --allow-debug); for ab
             also: not a git checkout, an unknown revision, a base or head that does not
             build or is not a bench executable (or is too old to measure)

        """

    /// How alerts are routed and formatted: the same for monitor, run, ab and baseline update.
    static let alerting = """
        --webhook LEVEL=URL sends alerts of LEVEL (info, warning, critical) and above, and
        the rest of their lives; a bare URL gets every level. --webhook-format slack posts
        Slack incoming-webhook messages, pagerduty PagerDuty Events API v2 events (routing
        key from $YARDSTICK_PAGERDUTY_ROUTING_KEY, never printed). A failing webhook is
        reported on standard error and never changes the exit code.
        """

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
        case "baseline":
            return """
            USAGE
              bench baseline update [OPTIONS]

            Measures the selected benchmarks in several processes (\(BaselineUpdateOptions().measurement.processes) unless --processes says
            otherwise), or reads --from FILE, and writes baselines/NAME.json atomically under a
            lock, appending a record to baselines/history/NAME.jsonl. Refuses a debug build, a
            run with errors, and a run lacking benchmarks the baseline has (unless
            --allow-partial, which keeps them). Prints what moved since the previous baseline,
            and with --webhook or --alerts posts its regressions as alerts, as 'run' does.

            Each benchmark keeps the timing plan of the previous baseline (batched with its
            batch size, or one call at a time) unless its calls now take clearly more or less
            than the 1 µs batching threshold: a batched one turns to per-call timing above 2 µs,
            a per-call one to batches below 0.5 µs. Every process reuses the first's plans.

            With --shard I/N it measures only that shard's suites, writes their results to
            --output, and leaves the baseline alone: merge the shards with 'bench merge DIR...
            --no-baseline --output DIR', then bless the merged file with --from.

            OPTIONS
            \(options(CommandParser.baselineUpdateOptions))

            \(exitCodes)
            """
        case "compare":
            return """
            USAGE
              bench compare OLD.json NEW.json [OPTIONS]

            Judges NEW against OLD (results or baseline files) without measuring, with the
            gates NEW was run with (or as the judging options below override them), and prints
            the verdicts. With --output DIR it also writes, atomically, the files run writes:
            results.json (NEW with its verdicts, at full precision), report.md, junit.xml,
            report.html (charts against OLD) and metrics.prom. Without --output it writes
            nothing.

            OPTIONS
            \(options(CommandParser.compareOptions))

            \(exitCodes)
            """
        case "report":
            return """
            USAGE
              bench report --from FILE [OPTIONS]

            Renders a saved results file again: Markdown, HTML, JUnit XML, JSON, Prometheus
            text. The charts compare with the judged baseline when it is still in the store.

            OPTIONS
            \(options(CommandParser.reportOptions))

            """
        case "monitor":
            return """
            USAGE
              bench monitor [OPTIONS]

            Every --interval, runs each selected benchmark alone for one short round and
            records the median of its calls, and samples the command's probes (such as a
            cache's hit rate). A benchmark's warning band ends at (1 + \(Formatting.count(monitorDefaults.warningTolerances)) x tolerance) and its
            critical band at (1 + \(Formatting.count(monitorDefaults.criticalTolerances)) x tolerance) times the \(monitorDefaults.percentile.rawValue) of its baseline's round
            medians, the statistic the monitor records; an alert fires after
            --fire-after samples in a row outside a band and resolves after --resolve-after
            samples back inside. Alert events go to standard error, --alerts, --webhook; the
            dashboard JSON and Prometheus text are rewritten atomically after every sample.
            Runs until --count or --duration, or until SIGINT or SIGTERM, then writes a final
            snapshot and prints a table.

            --http and --scrape watch services (see docs/monitoring.md), each on its own
            @INTERVAL if given; without --filter they are all that is sampled. A refused
            connection, no response within --http-timeout or a 5xx is a failed sample with
            its reason. --threshold bands any series, replacing derived bands: times take
            durations (web.latency:warning>200ms), other series numbers (api.p99:critical>0.5).

            \(alerting)

            OPTIONS
            \(options(CommandParser.monitorOptions))

            EXIT CODES
              0  stopped with no warning or critical alert active
              1  stopped with a warning or critical alert active
              2  usage or input error: a bad flag or value, a filter matching nothing, an
                 unreadable baseline or --ingest file, a --series or --threshold that does
                 not parse or names nothing recorded

            """
        case "ab":
            return """
            USAGE
              bench ab --base-ref REV [OPTIONS]
              bench ab --base-executable PATH [--head-executable PATH] [OPTIONS]

            The pull-request gate. Builds the base (a git revision, exported and built once per
            commit in .build/yardstick-ab/) and the head (the working tree, as it is on disk),
            both as release builds of this executable's product with functions and blocks
            aligned to 64 bytes, so code layout moves neither. Then measures them in
            alternating processes, --processes of each, in blocks of base-head-head-base or its
            mirror, chosen at random, each process a 'run --no-baseline' of the selection.
            The first process decides how each benchmark is timed (in batches of which size, or
            one call at a time), and every later process of both sides times it the same way.

            Each process gives one value per benchmark: its fastest round, or its ratio to a
            control of the suite in the same process when that varies less between processes.
            The head's values are tested against the base's (Mann-Whitney U, Holm-adjusted per
            suite); a change counts when significant and beyond the tolerance. A control
            (code no change can touch) that moves measures this build pair's layout effect:
            it is reported as a layout shift, and the suite's changes within it are noisy.
            Every benchmark reports the smallest change its processes can show.

            Writes results.json (the head, judged), base.json, report.md, junit.xml,
            report.html and metrics.prom to --output. With --webhook or --alerts, posts each
            failing benchmark as an alert, as 'run' does.

            OPTIONS
            \(options(CommandParser.abOptions))

            \(exitCodes)
            """
        case "merge":
            return """
            USAGE
              bench merge DIR... [OPTIONS]

            Joins the results of the shards of one run, each in its own folder (the --output of
            'run', 'ab' or 'baseline update' with --shard I/N), into one results.json, and judges
            it exactly as the unsharded run would be judged: shards split the selection by whole
            suites, and Holm's correction is per suite. Shards of 'ab' (with base.json) are
            judged base against head; the others against the baseline. Writes results.json
            (and base.json), report.md, junit.xml, report.html and metrics.prom to --output.

            Refuses (exit code 2) shards of different shard counts, selections, commits or
            process counts, and a shard that is missing or given twice. Shards measured on
            different machines are accepted: each suite is measured within one shard.

            OPTIONS
            \(options(CommandParser.mergeOptions))

            \(exitCodes)
            """
        case "history":
            return """
            USAGE
              bench history [NAME] [OPTIONS]

            Prints how each benchmark moved over the updates of baseline NAME (default:
            \(HistoryOptions().name)) recorded in baselines/history/NAME.jsonl (the newest \(BaselineUpdateOptions().historyLimit) unless
            --history-limit said otherwise): per benchmark, its latest p50 with the change
            since the first update, the range, a sparkline, and a row per update with its
            time, commit, p50, change from the update before and from the first, and how far
            its processes' medians spread ((largest - smallest) / median). Measures nothing.

            OPTIONS
            \(options(CommandParser.historyOptions))

            EXIT CODES
              0  printed
              2  no history file, a history without a readable record, a filter matching no
                 benchmark in it, or a bad flag or name

            """
        case "help":
            return "USAGE\n  bench help [SUBCOMMAND]\n\nShows help for a subcommand: run, list, baseline, compare, ab, merge, report, monitor, history.\n"
        default:
            return """
            USAGE
              bench [run] [OPTIONS]

            Sets up every selected benchmark, measures rounds interleaved across benchmarks,
            judges them against a baseline, prints a summary on standard output and writes
            OUTPUT/results.json. Progress goes to standard error.

            A benchmark with automatic timing is timed as its baseline was (in batches of the
            recorded size, or one call at a time); one the baseline lacks gets a batch-size
            trial: batched below 1 µs a call. With --processes, every process reuses the
            first's choices.

            With --webhook or --alerts, each benchmark that fails the gate is posted as an
            alert: a regression a warning (critical past \(Formatting.count(VerdictAlertPolicy().criticalTolerances)) x its tolerance), an error
            critical, a missing or other failing benchmark a warning; an improvement is info.
            \(alerting)

            OPTIONS
            \(options(CommandParser.runOptions))

            \(exitCodes)
            """
        }
    }

    /// The bands `bench monitor` derives unless told otherwise.
    private static var monitorDefaults: BaselineThresholds { MonitorOptions().thresholds }

    private static func options(_ specs: [OptionSpec]) -> String {
        let specs = specs.filter { !$0.isInternal }
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
