/// The benchmarks selected for a run, each with its configuration resolved.
///
/// Configuration precedence, lowest first: built-in defaults, the suite's configuration, the
/// benchmark's, then `overrides` (the command line).
public struct RunPlan: Sendable {
    /// A selected benchmark.
    public struct Entry: Sendable {
        /// Index of its suite in ``RunPlan/suites``.
        public var suiteIndex: Int
        /// The definition.
        public var benchmark: Benchmark
        /// `suite.benchmark`.
        public var fullName: String
        /// The values it runs with.
        public var configuration: ResolvedConfiguration
    }

    /// The suites with at least one selected benchmark, in registration order.
    public private(set) var suites: [Suite]
    /// The selected benchmarks, suite by suite, in registration order.
    public private(set) var entries: [Entry]

    /// A plan of one entry of another plan, alone with its suite: how a monitor samples one
    /// benchmark at a time.
    init(single entry: Entry, of suite: Suite) {
        var entry = entry
        entry.suiteIndex = 0
        suites = [suite]
        entries = [entry]
    }

    /// The plan of the named suites only, in the same order.
    func restricted(toSuites names: Set<String>) -> RunPlan {
        var plan = self
        let keptIndices = suites.indices.filter { names.contains(suites[$0].name) }
        let newIndex = Dictionary(uniqueKeysWithValues: keptIndices.enumerated().map { ($0.element, $0.offset) })
        plan.suites = keptIndices.map { suites[$0] }
        plan.entries = entries.compactMap { entry in
            guard let index = newIndex[entry.suiteIndex] else { return nil }
            var entry = entry
            entry.suiteIndex = index
            return entry
        }
        return plan
    }

    /// Selects the benchmarks whose full name matches any of `filters` (all when `filters` is
    /// empty) and resolves their configurations.
    ///
    /// - Throws: ``DefinitionError`` when names are empty, contain spaces, or repeat, or when a
    ///   resolved configuration is invalid (such as zero rounds).
    public init(
        suites allSuites: [Suite],
        filters: [NameFilter] = [],
        overrides: BenchmarkConfiguration = .init()
    ) throws(DefinitionError) {
        var seen = Set<String>()
        var suites: [Suite] = []
        var entries: [Entry] = []
        for suite in allSuites {
            try Self.validate(name: suite.name, kind: "suite")
            var selectedAny = false
            for benchmark in suite.benchmarks {
                try Self.validate(name: benchmark.name, kind: "benchmark in suite '\(suite.name)'")
                let fullName = suite.fullName(of: benchmark)
                guard seen.insert(fullName).inserted else {
                    throw DefinitionError("benchmark '\(fullName)' is defined twice")
                }
                guard filters.isEmpty || filters.contains(where: { $0.matches(fullName) }) else { continue }
                let configuration = suite.configuration
                    .overridden(by: benchmark.configuration)
                    .overridden(by: overrides)
                    .resolved()
                if let problem = configuration.validationProblem() {
                    throw DefinitionError("benchmark '\(fullName)': \(problem)")
                }
                if !selectedAny {
                    suites.append(suite)
                    selectedAny = true
                }
                entries.append(Entry(
                    suiteIndex: suites.count - 1,
                    benchmark: benchmark,
                    fullName: fullName,
                    configuration: configuration
                ))
            }
        }
        self.suites = suites
        self.entries = entries
    }

    private static func validate(name: String, kind: String) throws(DefinitionError) {
        if name.isEmpty { throw DefinitionError("a \(kind) has an empty name") }
        if name.contains(where: { $0.isWhitespace }) {
            throw DefinitionError("the \(kind) name '\(name)' contains white space")
        }
    }
}

/// A regular expression that selects benchmarks by full name; it matches anywhere in the name
/// unless anchored with `^` and `$`.
///
/// Sendable by hand: `Regex` is not declared Sendable, but a compiled one is never changed by
/// matching, and the standard library publishes its lazily lowered program atomically, so one
/// filter may match from any number of tasks.
public struct NameFilter: @unchecked Sendable {
    /// The pattern as written.
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern`.
    ///
    /// - Throws: ``DefinitionError`` naming the pattern when it is not a valid regular expression.
    public init(_ pattern: String) throws(DefinitionError) {
        do {
            regex = try Regex(pattern)
        } catch {
            throw DefinitionError("invalid filter '\(pattern)': \(error)")
        }
        self.pattern = pattern
    }

    /// Whether the pattern occurs in `name`.
    public func matches(_ name: String) -> Bool {
        (try? regex.firstMatch(in: name)) != nil
    }
}

/// A benchmark or suite is defined in a way that cannot run.
public struct DefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in one line.
    public var description: String

    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
