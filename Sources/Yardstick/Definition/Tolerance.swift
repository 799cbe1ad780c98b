/// How large a change must be before it counts, relative to the baseline or in absolute time.
///
/// Choose it above what the benchmark varies between processes on the machine that runs the
/// gate: a 10 µs arithmetic benchmark drifts 3-4% between processes on a shared 2-core VM, so
/// the default 5% suits it, while tail percentiles need far wider tolerances than the median.
public enum Tolerance: Sendable, Hashable, CustomStringConvertible {
    /// A fraction of the baseline: `.relative(0.05)` is 5%.
    case relative(Double)
    /// A fixed amount of time per call.
    case absolute(Duration)
    /// A fixed amount of a counter, in its unit: allocations per call, or bytes.
    /// `.count(0)` lets nothing through.
    case count(Double)

    /// A relative tolerance given in percent: `.percent(5)`.
    public static func percent(_ value: Double) -> Tolerance { .relative(value / 100) }

    /// The default: 5% of the baseline.
    public static let `default` = Tolerance.relative(0.05)

    /// The tolerance as a fraction of `baseline` nanoseconds per call.
    public func relative(toBaseline baseline: Double) -> Double {
        switch self {
        case .relative(let fraction): fraction
        case .absolute(let duration): baseline > 0 ? Double(duration.nanoseconds) / baseline : .infinity
        case .count(let amount): baseline > 0 ? amount / baseline : .infinity
        }
    }

    /// `5%` or `2.00 µs`: the form the command line accepts and reports print.
    public var description: String {
        switch self {
        case .relative(let fraction): Formatting.percent(fraction)
        case .absolute(let duration): Formatting.duration(duration)
        case .count(let amount): Formatting.count(amount)
        }
    }

    /// The tolerance in a counter's own units, given the baseline's value.
    func amount(atBaseline baseline: Double) -> Double {
        switch self {
        case .relative(let fraction): fraction * abs(baseline)
        case .absolute(let duration): Double(duration.nanoseconds)
        case .count(let amount): amount
        }
    }

    /// Parses `8%`, `0.5%`, or a duration with a unit (`2us`, `1.5ms`); `nil` for anything else.
    public init?(_ text: String) {
        if text.hasSuffix("%"), let percent = Double(text.dropLast()), percent.isFinite, percent >= 0 {
            self = .percent(percent)
        } else if let duration = DurationParser.parse(text) {
            self = .absolute(duration)
        } else {
            return nil
        }
    }
}

extension Tolerance: Codable {
    private enum CodingKeys: String, CodingKey { case relative, absoluteNanoseconds, count }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let fraction = try container.decodeIfPresent(Double.self, forKey: .relative) {
            self = .relative(fraction)
        } else if let amount = try container.decodeIfPresent(Double.self, forKey: .count) {
            self = .count(amount)
        } else {
            self = .absolute(.nanoseconds(try container.decode(Int64.self, forKey: .absoluteNanoseconds)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .relative(let fraction): try container.encode(fraction, forKey: .relative)
        case .absolute(let duration): try container.encode(duration.nanoseconds, forKey: .absoluteNanoseconds)
        case .count(let amount): try container.encode(amount, forKey: .count)
        }
    }
}
