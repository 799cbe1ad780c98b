/// The `--filter` patterns of a command, compiled once when they are parsed: a benchmark is
/// selected when its full name matches any of them, and every benchmark when there are none.
///
/// The patterns stay as written, because results files record them (``ShardRecord/filters``)
/// and processes started for a run receive them as arguments. Two lists are equal when their
/// patterns are.
///
/// ```swift
/// let selection = try FilterList(["^cache\\.", "single$"])
/// selection.matches("cache.get")   // true
/// ```
public struct FilterList: Sendable, Equatable {
    /// The compiled filters, in the order given.
    public let filters: [NameFilter]

    /// No filter: selects every benchmark.
    public init() { filters = [] }

    /// Compiles every pattern.
    ///
    /// - Throws: ``DefinitionError`` naming the first pattern that is not a valid regular
    ///   expression.
    public init(_ patterns: [String]) throws(DefinitionError) {
        var filters: [NameFilter] = []
        for pattern in patterns { filters.append(try NameFilter(pattern)) }
        self.filters = filters
    }

    /// Filters already compiled.
    public init(filters: [NameFilter]) { self.filters = filters }

    /// The patterns as written.
    public var patterns: [String] { filters.map(\.pattern) }

    /// Whether no filter was given, so that everything is selected.
    public var isEmpty: Bool { filters.isEmpty }

    /// Whether `name` is selected: any filter matches it, or there is none.
    public func matches(_ name: String) -> Bool {
        filters.isEmpty || filters.contains { $0.matches(name) }
    }

    public static func == (lhs: FilterList, rhs: FilterList) -> Bool { lhs.patterns == rhs.patterns }
}
