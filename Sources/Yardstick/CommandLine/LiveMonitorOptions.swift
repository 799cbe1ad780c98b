import Foundation

/// What `bench monitor` watches besides the benchmarks and the suite's probes: HTTP endpoints
/// (`--http`), Prometheus text endpoints and series chosen from them (`--scrape`, `--series`),
/// and bands given on the command line for any series (`--threshold`).
struct LiveMonitorOptions: Equatable {
    /// `--http NAME=URL[@INTERVAL]`.
    var checks: [LiveTargetOption] = []
    /// `--scrape NAME=URL[@INTERVAL]`.
    var scrapes: [LiveTargetOption] = []
    /// `--series [ALIAS=]TARGET:EXPRESSION`.
    var series: [SeriesOption] = []
    /// `--threshold SERIES:LEVEL>VALUE,...`.
    var thresholds: [ThresholdOption] = []
    /// `--http-timeout`: how long one GET of an endpoint may take.
    var requestTimeout: Duration = .seconds(5)

    /// Whether any endpoint is watched.
    var hasTargets: Bool { !checks.isEmpty || !scrapes.isEmpty }

    static let specs: [OptionSpec] = [
        OptionSpec(name: "--http", valueName: "NAME=URL[@INTERVAL]", isRepeatable: true,
                   help: "GET this endpoint every INTERVAL (default: --interval): NAME.latency, NAME.up, NAME.status."),
        OptionSpec(name: "--scrape", valueName: "NAME=URL[@INTERVAL]", isRepeatable: true,
                   help: "Read this Prometheus text endpoint every INTERVAL: NAME.latency, NAME.up, and its --series."),
        OptionSpec(name: "--series", valueName: "[ALIAS=]NAME:EXPR", isRepeatable: true,
                   help: "Record a series of --scrape NAME: m{l=\"v\"}, sum(m), rate(m), histogram_quantile(0.99, rate(m))."),
        OptionSpec(name: "--threshold", valueName: "SERIES:BANDS", isRepeatable: true,
                   help: "Bands for any series, replacing derived ones: 'api.latency:warning>200ms,critical>1s', 'x:critical<0.5'."),
        OptionSpec(name: "--http-timeout", valueName: "DURATION", help: "Longest one GET of --http or --scrape may take (default: \(Formatting.argument(LiveMonitorOptions().requestTimeout)))."),
    ]

    init() {}

    init(_ parsed: ParsedArguments) throws(CommandLineError) {
        checks = try (parsed.values["--http"] ?? []).map { text throws(CommandLineError) in try LiveTargetOption(text, option: "--http") }
        scrapes = try (parsed.values["--scrape"] ?? []).map { text throws(CommandLineError) in try LiveTargetOption(text, option: "--scrape") }
        var names: Set<String> = []
        for target in checks + scrapes where !names.insert(target.name).inserted {
            throw .usage("--http and --scrape: the name '\(target.name)' is given twice")
        }
        let scrapeNames = scrapes.map(\.name)
        series = try (parsed.values["--series"] ?? []).map { text throws(CommandLineError) in try SeriesOption(text, scrapes: scrapeNames) }
        var seriesNames: Set<String> = []
        for option in series where !seriesNames.insert(option.name).inserted {
            throw .usage("--series: the series '\(option.name)' is given twice")
        }
        thresholds = try (parsed.values["--threshold"] ?? []).map { text throws(CommandLineError) in try ThresholdOption(text) }
        var thresholdNames: Set<String> = []
        for option in thresholds where !thresholdNames.insert(option.series).inserted {
            throw .usage("--threshold: the series '\(option.series)' is given twice")
        }
        requestTimeout = try parsed.duration("--http-timeout") ?? requestTimeout
    }
}

/// `NAME=URL[@INTERVAL]`: an endpoint, the prefix of its series, and its own interval.
struct LiveTargetOption: Equatable {
    var name: String
    var url: URL
    /// `nil`: the command's `--interval`.
    var interval: Duration?

    init(_ text: String, option: String) throws(CommandLineError) {
        let usage = CommandLineError.usage(
            "\(option) expects NAME=URL[@INTERVAL] such as api=http://127.0.0.1:8080/health@10s, got '\(text)'"
        )
        guard let equals = text.firstIndex(of: "=") else { throw usage }
        name = String(text[..<equals])
        guard Self.isName(name) else {
            throw .usage("\(option): the name '\(name)' may hold only letters, digits, '.', '_' and '-'")
        }
        var address = String(text[text.index(after: equals)...])
        // A URL may hold '@' itself (user@host): only a duration after the last one is an interval.
        if let at = address.lastIndex(of: "@"), let interval = DurationParser.parse(String(address[address.index(after: at)...])) {
            guard interval > .zero else { throw .usage("\(option) \(name): the interval must be positive, got '\(text)'") }
            self.interval = interval
            address = String(address[..<at])
        }
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw usage
        }
        self.url = url
    }

    /// Letters, digits, `.`, `_` and `-`: no `:`, which separates a target from its series.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}

/// `[ALIAS=]TARGET:EXPRESSION`: a series of a scraped page, recorded as ALIAS, or as the text
/// after the alias when there is none (`api:rate(http_requests_total)`).
struct SeriesOption: Equatable {
    var name: String
    var target: String
    var expression: SeriesExpression

    init(_ text: String, scrapes: [String]) throws(CommandLineError) {
        let usage = CommandLineError.usage(
            "--series expects [ALIAS=]NAME:EXPRESSION with NAME a --scrape, such as 'api:rate(http_requests_total)', got '\(text)'"
        )
        var rest = text.trimmingCharacters(in: .whitespaces)
        var alias: String?
        // An alias comes before the target's colon; an '=' after it belongs to a label.
        if let equals = rest.firstIndex(of: "="), rest.firstIndex(of: ":").map({ equals < $0 }) ?? true {
            alias = String(rest[..<equals])
            guard LiveTargetOption.isName(alias ?? "") else {
                throw .usage("--series: the alias '\(alias ?? "")' may hold only letters, digits, '.', '_' and '-'")
            }
            rest = String(rest[rest.index(after: equals)...])
        }
        guard let colon = rest.firstIndex(of: ":") else { throw usage }
        target = String(rest[..<colon])
        guard scrapes.contains(target) else {
            throw .usage("--series '\(text)': '\(target)' is not the name of a --scrape"
                + (scrapes.isEmpty ? " (none is given)" : " (given: \(scrapes.joined(separator: ", ")))"))
        }
        do {
            expression = try SeriesExpression(parsing: String(rest[rest.index(after: colon)...]))
        } catch {
            throw .usage("--series '\(text)': \(error.message)")
        }
        name = alias ?? rest
    }
}

/// `SERIES:LEVEL>VALUE,...`: bands for one series. `warning>X` makes X the top of the warning
/// band, `critical<Y` the bottom of the critical band; each level may have either or both.
struct ThresholdOption: Equatable {
    var series: String
    var warning = Band()
    var critical = Band()

    /// A band's edges as given, before they meet the series' unit.
    struct Band: Equatable {
        var minimum: Value?
        var maximum: Value?
    }

    /// A number in the series' unit, or a duration for a series of times.
    enum Value: Equatable {
        case number(Double)
        case duration(Duration)

        init?(_ text: String) {
            if let duration = DurationParser.parse(text) {
                self = .duration(duration)
            } else if text.hasSuffix("%"), let percent = Double(text.dropLast()), percent.isFinite {
                self = .number(percent / 100)
            } else if let number = Double(text), number.isFinite {
                self = .number(number)
            } else {
                return nil
            }
        }
    }

    init(_ text: String) throws(CommandLineError) {
        let usage = CommandLineError.usage(
            "--threshold expects SERIES:LEVEL>VALUE,... with LEVEL warning or critical, such as 'api.latency:warning>200ms,critical>1s', got '\(text)'"
        )
        // The series may hold colons itself (api:x{a="b"}); the bands never do.
        guard let colon = text.lastIndex(of: ":") else { throw usage }
        series = String(text[..<colon])
        guard !series.isEmpty else { throw usage }
        for clause in text[text.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false) {
            let clause = clause.trimmingCharacters(in: .whitespaces)
            guard let operatorIndex = clause.firstIndex(where: { $0 == ">" || $0 == "<" }),
                  let value = Value(String(clause[clause.index(after: operatorIndex)...]).trimmingCharacters(in: .whitespaces))
            else { throw usage }
            let level = clause[..<operatorIndex].trimmingCharacters(in: .whitespaces)
            let isMaximum = clause[operatorIndex] == ">"
            var band: Band
            switch level {
            case "warning": band = warning
            case "critical": band = critical
            default: throw usage
            }
            if isMaximum {
                guard band.maximum == nil else { throw .usage("--threshold '\(text)': \(level)> is given twice") }
                band.maximum = value
            } else {
                guard band.minimum == nil else { throw .usage("--threshold '\(text)': \(level)< is given twice") }
                band.minimum = value
            }
            if level == "warning" { warning = band } else { critical = band }
        }
    }

    /// The threshold for a series of `unit`, with `hysteresis`.
    ///
    /// - Throws: A usage error when a value does not suit the unit (a series of times takes
    ///   durations, any other series numbers) or a band holds no value.
    func threshold(unit: MetricUnit, hysteresis: Hysteresis) throws(CommandLineError) -> Threshold {
        func resolve(_ value: Value?) throws(CommandLineError) -> Double? {
            switch (value, unit) {
            case (nil, _): return nil
            case (.duration(let duration), .nanoseconds): return Double(duration.nanoseconds)
            case (.number, .nanoseconds):
                throw .usage("--threshold \(series): it is a time, so give durations such as 200ms")
            case (.duration, _):
                throw .usage("--threshold \(series): it is not a time, so give plain numbers")
            case (.number(let number), _): return number
            }
        }
        func band(_ given: Band, _ level: String) throws(CommandLineError) -> ThresholdBand? {
            let band = ThresholdBand(minimum: try resolve(given.minimum), maximum: try resolve(given.maximum))
            if let minimum = band.minimum, let maximum = band.maximum, minimum > maximum {
                throw .usage("--threshold \(series): \(level)< is above \(level)>, so every value would be outside")
            }
            return band.minimum == nil && band.maximum == nil ? nil : band
        }
        return Threshold(metric: series, unit: unit, warning: try band(warning, "warning"),
                         critical: try band(critical, "critical"), hysteresis: hysteresis)
    }
}
