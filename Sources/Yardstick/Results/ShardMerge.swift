import Foundation

/// Joins the results of every shard of one run (`--shard I/N`) into the results that run would
/// have written unsharded: the benchmarks in selection order, unjudged, so that the judge sees
/// each suite whole, as one run would show it.
///
/// Each shard is a complete run of whole suites, so no benchmark's rounds are combined across
/// shards, and shards measured on different machines still compare each suite within one
/// machine. What must agree is what makes them parts of one run: the shard count, the
/// selection, the commit measured and the number of processes; and every shard must be there
/// exactly once.
public enum ShardMerge {
    /// One shard's results and how to name them in an error, such as their file's path.
    public typealias Part = (label: String, results: RunResults)

    /// The results of the run that `parts` are the shards of. The environment is that of the
    /// lowest shard that measured anything (shards on other machines differ from it); the clock
    /// overhead is the median of the measuring shards'.
    ///
    /// - Throws: ``ShardMergeError`` naming the first reason the parts are not the shards of
    ///   one run.
    public static func merge(_ parts: [Part]) throws(ShardMergeError) -> RunResults {
        let shards = try validate(parts)
        // Validation guarantees a shard that measured something.
        let measuring = shards.filter { !$0.record.benchmarks.isEmpty }
        let first = measuring[0]
        let order = Dictionary(uniqueKeysWithValues: first.record.selection.enumerated().map { ($0.element, $0.offset) })
        var merged = first.results
        merged.shard = nil
        merged.startedAt = shards.map(\.results.startedAt).min()!
        merged.finishedAt = shards.map(\.results.finishedAt).max()!
        merged.clockOverheadNanoseconds = Sample(measuring.map(\.results.clockOverheadNanoseconds))!.median
        merged.benchmarks = shards.flatMap(\.results.benchmarks).enumerated()
            .sorted { (order[$0.element.name] ?? .max, $0.offset) < (order[$1.element.name] ?? .max, $1.offset) }
            .map(\.element)
        return merged
    }

    private struct Validated {
        var label: String
        var results: RunResults
        var record: ShardRecord
    }

    /// The parts in shard order, once they are known to be every shard of one run exactly once.
    private static func validate(_ parts: [Part]) throws(ShardMergeError) -> [Validated] {
        guard !parts.isEmpty else { throw ShardMergeError("no shards to merge") }
        var shards: [Validated] = []
        for part in parts {
            guard let record = part.results.shard else {
                throw ShardMergeError("\(part.label) is not a shard's results: it was measured without --shard")
            }
            shards.append(Validated(label: part.label, results: part.results, record: record))
        }
        let first = shards[0]
        for other in shards.dropFirst() where other.record.count != first.record.count {
            throw ShardMergeError(
                "\(first.label) is shard \(first.record.index)/\(first.record.count) but \(other.label) is shard "
                    + "\(other.record.index)/\(other.record.count): shards of one run share the shard count"
            )
        }
        for other in shards.dropFirst() {
            if let difference = selectionDifference(first, other) {
                throw ShardMergeError("\(first.label) and \(other.label) are shards of different selections: \(difference)")
            }
        }
        // A shard given no suites measured nothing, so it has no commit or processes to agree on.
        let measuring = shards.filter { !$0.record.benchmarks.isEmpty }
        guard let reference = measuring.first else { throw ShardMergeError("no shard measured any benchmark") }
        for other in measuring.dropFirst() {
            let commits = (reference.results.environment.gitCommit, other.results.environment.gitCommit)
            if commits.0 != commits.1 {
                throw ShardMergeError(
                    "\(reference.label) measured commit \(describe(commits.0)) but \(other.label) measured \(describe(commits.1)): "
                        + "shards of one run measure one commit"
                )
            }
            if other.results.processes != reference.results.processes {
                throw ShardMergeError(
                    "\(reference.label) was measured in \(Formatting.counted(reference.results.processes, "process")) but "
                        + "\(other.label) in \(other.results.processes): shards of one run use the same --processes"
                )
            }
        }
        var byIndex: [Int: Validated] = [:]
        for shard in shards {
            if let earlier = byIndex[shard.record.index] {
                throw ShardMergeError(
                    "shard \(shard.record.index)/\(shard.record.count) is given twice: \(earlier.label) and \(shard.label)"
                )
            }
            byIndex[shard.record.index] = shard
        }
        let count = first.record.count
        let missing = (1...count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\($0)/\(count)" }
            throw ShardMergeError(
                "\(names.count == 1 ? "shard" : "shards") \(names.joined(separator: ", ")) of \(count) "
                    + "\(names.count == 1 ? "is" : "are") missing; every shard is needed to judge the run"
            )
        }
        let ordered = (1...count).map { byIndex[$0]! }
        var owner: [String: Validated] = [:]
        for shard in ordered {
            for name in shard.record.benchmarks {
                if let earlier = owner[name] {
                    throw ShardMergeError(
                        "'\(name)' was measured by shard \(earlier.record.index)/\(count) (\(earlier.label)) and shard "
                            + "\(shard.record.index)/\(count) (\(shard.label)): the shards split the selection differently "
                            + "(did they read different baselines?)"
                    )
                }
                owner[name] = shard
            }
        }
        if let unmeasured = first.record.selection.first(where: { owner[$0] == nil }) {
            throw ShardMergeError(
                "'\(unmeasured)' of the selection is in no shard: the shards split the selection differently "
                    + "(did they read different baselines?)"
            )
        }
        return ordered
    }

    /// How two shards' selections differ, or `nil` when they are the same.
    private static func selectionDifference(_ first: Validated, _ other: Validated) -> String? {
        if first.record.filters != other.record.filters {
            return "--filter \(describe(first.record.filters)) and \(describe(other.record.filters))"
        }
        guard first.record.selection != other.record.selection else { return nil }
        let (one, two) = (Set(first.record.selection), Set(other.record.selection))
        if let name = first.record.selection.first(where: { !two.contains($0) }) {
            return "'\(name)' is selected in \(first.label) only"
        }
        if let name = other.record.selection.first(where: { !one.contains($0) }) {
            return "'\(name)' is selected in \(other.label) only"
        }
        return "the same benchmarks in another order"
    }

    private static func describe(_ commit: String?) -> String {
        commit.map { String($0.prefix(10)) } ?? "(unknown)"
    }

    private static func describe(_ filters: [String]) -> String {
        filters.isEmpty ? "(none)" : filters.map { "'\($0)'" }.joined(separator: " ")
    }
}

/// Why results cannot be merged as the shards of one run, in one line.
public struct ShardMergeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var description: String

    init(_ description: String) { self.description = description }
}
