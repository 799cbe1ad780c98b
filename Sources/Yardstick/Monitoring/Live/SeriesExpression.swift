import Foundation

/// Which number a monitored series takes from each scrape of a Prometheus text endpoint: a
/// small subset of PromQL, enough for a gauge, a counter's rate and a histogram's quantile.
///
/// | Text | Value |
/// |---|---|
/// | `name{label="v",...}` | the one sample with that name whose labels include those given |
/// | `sum(name{...})` | the sum of every sample that matches |
/// | `rate(name{...})` | per second, the increase of every matching counter since the previous scrape, summed |
/// | `histogram_quantile(0.99, name{...})` | the quantile of histogram `name`'s buckets as they stand |
/// | `histogram_quantile(0.99, rate(name{...}))` | the quantile of the observations since the previous scrape |
///
/// Labels match by equality only; a histogram is named without its `_bucket` suffix, and the
/// buckets of every series the labels match are added up by `le`, as `sum by (le)` would.
/// A rate or a quantile over a rate has no value on the first scrape, after a counter reset
/// (a decrease: the service restarted), or, for a quantile, when nothing was observed since
/// the previous scrape; it is never negative.
///
/// ```swift
/// let p99 = try SeriesExpression(parsing: "histogram_quantile(0.99, rate(http_request_duration_seconds))")
/// p99.evaluate(page, previous: earlierPage)
/// ```
public enum SeriesExpression: Sendable, Hashable, CustomStringConvertible {
    /// One sample's value.
    case sample(SampleSelector)
    /// The sum of the matching samples.
    case sum(SampleSelector)
    /// The per-second increase of the matching counters between two scrapes, summed.
    case rate(SampleSelector)
    /// A quantile (0 ... 1) of a histogram's buckets, cumulative or over the increase between
    /// two scrapes.
    case histogramQuantile(Double, SampleSelector, overRate: Bool)

    /// The canonical text: `histogram_quantile(0.99, rate(x{a="b"}))`.
    public var description: String {
        switch self {
        case .sample(let selector): selector.description
        case .sum(let selector): "sum(\(selector))"
        case .rate(let selector): "rate(\(selector))"
        case let .histogramQuantile(q, selector, overRate):
            "histogram_quantile(\(q), \(overRate ? "rate(\(selector))" : selector.description))"
        }
    }

    /// Whether it compares two scrapes, and so has no value on the first.
    public var needsPreviousScrape: Bool {
        switch self {
        case .sample, .sum: false
        case .rate: true
        case .histogramQuantile(_, _, let overRate): overRate
        }
    }

    /// The value `page` gives, with `previous` the same target's scrape before it (for rates).
    public func evaluate(_ page: ScrapedPage, previous: ScrapedPage?) -> SeriesReading {
        switch self {
        case .sample(let selector):
            let matches = page.exposition.samples(named: selector.name, matching: selector.labels)
            switch matches.count {
            case 0: return .failed("no sample matches \(selector)")
            case 1: return .value(matches[0].value)
            default: return .failed("\(selector) matches \(matches.count) samples: add labels, or use sum(...)")
            }
        case .sum(let selector):
            let matches = page.exposition.samples(named: selector.name, matching: selector.labels)
            guard !matches.isEmpty else { return .failed("no sample matches \(selector)") }
            return .value(matches.reduce(0) { $0 + $1.value })
        case .rate(let selector):
            let matches = page.exposition.samples(named: selector.name, matching: selector.labels)
            guard !matches.isEmpty else { return .failed("no sample matches \(selector)") }
            guard let previous else { return .noValue("a rate needs two scrapes") }
            let seconds = page.time.timeIntervalSince(previous.time)
            guard seconds > 0 else { return .noValue("no time passed since the previous scrape") }
            switch Self.increases(of: matches, since: previous.exposition.samples(named: selector.name, matching: selector.labels)) {
            case .success(let increases):
                guard !increases.isEmpty else { return .noValue("no series of \(selector) is in both scrapes") }
                return .value(increases.reduce(0) { $0 + $1.value } / seconds)
            case .failure(let reset):
                return .noValue(reset.description)
            }
        case let .histogramQuantile(q, selector, overRate):
            let bucketName = selector.name + "_bucket"
            var buckets = page.exposition.samples(named: bucketName, matching: selector.labels)
            guard !buckets.isEmpty else { return .failed("no bucket of histogram \(selector) matches") }
            if overRate {
                guard let previous else { return .noValue("a rate needs two scrapes") }
                switch Self.increases(of: buckets, since: previous.exposition.samples(named: bucketName, matching: selector.labels)) {
                case .success(let increases): buckets = increases
                case .failure(let reset): return .noValue(reset.description)
                }
            }
            var bounds: [(upperBound: Double, count: Double)] = []
            for bucket in buckets {
                let text = bucket.labels["le"] ?? ""
                guard let bound = PrometheusTextParser.parseValue(text), !bound.isNaN else {
                    return .failed("\(bucketName) has a bucket whose le is '\(text)', not a number")
                }
                bounds.append((bound, bucket.value))
            }
            guard bounds.contains(where: { $0.upperBound == .infinity }) else {
                return .failed("histogram \(selector) has no +Inf bucket")
            }
            guard let quantile = BucketQuantile.estimate(q, buckets: bounds) else {
                return .noValue(overRate ? "nothing was observed since the previous scrape" : "the histogram has no observations")
            }
            return .value(quantile)
        }
    }

    /// Each sample of `current` that `previous` has too (same name and labels), with its
    /// increase as its value; a decrease is a counter reset.
    private static func increases(of current: [PrometheusSample], since previous: [PrometheusSample]) -> Result<[PrometheusSample], CounterReset> {
        var earlier: [[String: String]: Double] = [:]
        for sample in previous { earlier[sample.labels] = sample.value }
        var result: [PrometheusSample] = []
        for sample in current {
            guard let before = earlier[sample.labels] else { continue }
            guard sample.value >= before else { return .failure(CounterReset(name: sample.name)) }
            var increase = sample
            increase.value = sample.value - before
            result.append(increase)
        }
        return .success(result)
    }

    private struct CounterReset: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) went down since the previous scrape: a counter reset" }
    }
}

/// A metric name and the labels a sample must have.
public struct SampleSelector: Sendable, Hashable, CustomStringConvertible {
    /// The sample's name; for a histogram quantile, the histogram's name without `_bucket`.
    public var name: String
    /// Labels a matching sample has, with these values; it may have others.
    public var labels: [String: String]

    /// A selector.
    public init(name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }

    /// `name{a="1",b="2"}`, labels sorted and escaped; just `name` without labels.
    public var description: String {
        guard !labels.isEmpty else { return name }
        let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Escaping.prometheusLabel($0.value))\"" }
        return "\(name){\(pairs.joined(separator: ","))}"
    }
}

/// One scrape of a target: the page and when it was read.
public struct ScrapedPage: Sendable {
    /// What the endpoint served.
    public var exposition: PrometheusExposition
    /// When it was read, on the monitor's clock.
    public var time: Date

    /// A scrape.
    public init(_ exposition: PrometheusExposition, at time: Date) {
        self.exposition = exposition
        self.time = time
    }
}
