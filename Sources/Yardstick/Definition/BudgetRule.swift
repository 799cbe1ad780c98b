/// A budget for the benchmarks that a name selects: what `--budget 'cache.get:p99<10ms'` gives
/// on the command line, on top of the budgets declared in code.
///
/// The selector is a benchmark's full name, or a regular expression matched like `--filter`
/// (anywhere in the name unless anchored). A selector that is exactly the name of a benchmark
/// in the run selects that benchmark alone, so `cache.get` does not also select
/// `cache.get-miss`. A rule's budget replaces a declared budget on the same metric, as every
/// later configuration layer does; the benchmark's other budgets stay.
///
/// ```swift
/// let rule = try BudgetRule(parsing: "cache\\..*:mean<10ms")
/// ```
public struct BudgetRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The benchmark name or regular expression that selects benchmarks; fixed once made,
    /// because the rule holds it compiled.
    public var selector: String { filter.pattern }
    /// The limit for each selected benchmark.
    public var budget: Budget
    /// The selector, compiled when the rule is made.
    private let filter: NameFilter

    /// A rule; the selector must be a valid regular expression and the budget valid (a positive
    /// time, a count of at least zero).
    public init(selector: String, budget: Budget) throws(DefinitionError) {
        guard !selector.isEmpty else { throw DefinitionError("a budget needs a benchmark name or pattern before the ':'") }
        let filter = try NameFilter(selector)
        guard budget.isValid else {
            throw DefinitionError(
                "the \(budget.metric) limit must be \(budget.metric.isCounter ? "at least zero" : "more than zero"), got "
                    + budget.metric.format(budget.limit)
            )
        }
        self.filter = filter
        self.budget = budget
    }

    /// Parses `NAME:METRIC<LIMIT`: `cache.get:p99<10ms`, `^validation\.:mean<5ms`,
    /// `cache.get:allocations<0`. METRIC is `p50` … `p999`, `mean`, `cpu`, `allocations`,
    /// `bytes`, `net-bytes` or `peak-bytes`; a time's LIMIT has a unit (`ns`, `us`, `ms`, `s`),
    /// a count's is a number. `<=` reads as `<`: a budget is a most, and a value on it passes.
    /// The selector ends at the last `:`, so a pattern may hold colons.
    public init(parsing text: String) throws(DefinitionError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw DefinitionError("expected NAME:METRIC<LIMIT, such as 'cache.get:p99<10ms', got '\(text)'")
        }
        let selector = String(text[..<colon])
        let limit = text[text.index(after: colon)...]
        guard let less = limit.firstIndex(of: "<") else {
            throw DefinitionError("expected NAME:METRIC<LIMIT, such as 'cache.get:p99<10ms', got '\(text)'")
        }
        let metricName = limit[..<less].trimmingWhitespace
        var amount = limit[limit.index(after: less)...]
        if amount.first == "=" { amount = amount.dropFirst() }
        let amountText = amount.trimmingWhitespace
        guard let metric = Metric(metricName) else {
            throw DefinitionError(
                "unknown metric '\(metricName)' in '\(text)' (expected p50, p75, p90, p95, p99, p999, mean, cpu, allocations, bytes, "
                    + "net-bytes or peak-bytes)"
            )
        }
        let value: Double
        if metric.isCounter {
            guard let number = Double(amountText), number.isFinite else {
                throw DefinitionError("the \(metric) limit in '\(text)' must be a number such as 0 or 1024, got '\(amountText)'")
            }
            value = number
        } else {
            guard let duration = DurationParser.parse(amountText) else {
                throw DefinitionError("the \(metric) limit in '\(text)' must be a duration such as 10ms or 500us, got '\(amountText)'")
            }
            value = Double(duration.nanoseconds)
        }
        try self.init(selector: selector, budget: Budget(metric: metric, limit: value))
    }

    /// `cache.get:p99<10.0 ms`.
    public var description: String { "\(selector):\(budget.metric)<\(budget.metric.format(budget.limit))" }

    /// The names among `names` that the rule selects: the one equal to its selector when there
    /// is one, else every name its pattern matches.
    public func selectedNames(among names: [String]) -> [String] {
        if names.contains(selector) { return [selector] }
        return names.filter(filter.matches)
    }

    public static func == (lhs: BudgetRule, rhs: BudgetRule) -> Bool {
        lhs.selector == rhs.selector && lhs.budget == rhs.budget
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(selector)
        hasher.combine(budget)
    }

    private enum CodingKeys: String, CodingKey {
        case selector, budget
    }

    /// Decodes a rule, refusing a selector that is empty or not a valid regular expression and
    /// a budget that is not valid, as ``init(selector:budget:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let selector = try container.decode(String.self, forKey: .selector)
        let budget = try container.decode(Budget.self, forKey: .budget)
        do {
            try self.init(selector: selector, budget: budget)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .selector, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(selector, forKey: .selector)
        try container.encode(budget, forKey: .budget)
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
