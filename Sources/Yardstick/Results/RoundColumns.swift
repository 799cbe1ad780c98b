/// A benchmark's rounds as a compact results file stores them: one column per field, each
/// holding one list per process, in run order within the process.
///
/// ```json
/// {"iterations": 1000, "medians": [[101.5, 99.25], [104.0, 103.5]], "samples": [1000, [990, 1000]]}
/// ```
///
/// Round medians are kept for every round, to the compact form's
/// ``ResultsForm/compactSignificantDigits``: they are what judging compares. The other
/// percentiles (`p75` … `p999`) are kept only for a benchmark with a gate on one of them, all
/// together so that a round holds either every percentile or its median alone, and
/// `cpuNanosecondsPerCall` only for one with a CPU-time gate (`null` for a round too short to
/// measure it). `iterations` and `samples` are one number when every round agrees, otherwise
/// one entry per process: a number when the process's rounds agree (a batched benchmark's
/// processes each choose their batch size, so they time different numbers of windows), else
/// the list. `processes` is left out when it is `0, 1, …`, as it is in a baseline of one run.
struct RoundColumns: Codable, Hashable, Sendable {
    /// The process of each list, ascending; `nil` for `0..<medians.count`.
    var processes: [Int]?
    /// Round medians, nanoseconds per call.
    var medians: [[Double]]
    /// Calls timed per round.
    var iterations: CollapsibleColumn<Int, [CollapsibleColumn<Int, [Int]>]>
    /// Timing windows per round.
    var samples: CollapsibleColumn<Int, [CollapsibleColumn<Int, [Int]>]>
    /// CPU time per call, `null` where a round was too short to measure it.
    var cpuNanosecondsPerCall: [[Double?]]?
    /// The other percentiles, all or none.
    var p75, p90, p95, p99, p999: [[Double]]?

    /// The processes of the lists, in order.
    var processList: [Int] { processes ?? Array(medians.indices) }

    /// The columns of `rounds` that `configuration`'s gates read.
    init(_ rounds: [RoundRecord], keepingWhat configuration: ResolvedConfiguration) {
        let processes = Set(rounds.map(\.process)).sorted()
        self.processes = processes == Array(processes.indices) ? nil : processes
        let groups = processes.map { process in rounds.filter { $0.process == process } }
        func column<Value>(_ value: (RoundRecord) -> Value) -> [[Value]] { groups.map { $0.map(value) } }
        func collapsed(_ value: (RoundRecord) -> Int) -> CollapsibleColumn<Int, [CollapsibleColumn<Int, [Int]>]> {
            CollapsibleColumn(column(value).map { CollapsibleColumn($0, values: $0) }, values: rounds.map(value))
        }
        medians = column(\.median)
        iterations = collapsed(\.iterations)
        samples = collapsed(\.samples)
        let metrics = configuration.allGates.map(\.metric)
        if metrics.contains(.cpuTime), rounds.contains(where: { $0.cpuNanosecondsPerCall != nil }) {
            cpuNanosecondsPerCall = column(\.cpuNanosecondsPerCall)
        }
        let tails = metrics.contains { if case .wallTime(let percentile) = $0 { percentile != .p50 } else { false } }
        if tails, rounds.allSatisfy({ $0.percentiles != nil }) {
            p75 = column { $0.percentiles!.p75 }
            p90 = column { $0.percentiles!.p90 }
            p95 = column { $0.percentiles!.p95 }
            p99 = column { $0.percentiles!.p99 }
            p999 = column { $0.percentiles!.p999 }
        }
    }

    /// The rounds, grouped by process in ascending order, in run order within each.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the columns disagree on how many rounds
    ///   each process ran.
    func records(codingPath: [any CodingKey]) throws -> [RoundRecord] {
        let shape = medians.map(\.count)
        func problem(_ text: String) -> DecodingError {
            DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: text))
        }
        func check<Value>(_ column: [[Value]]?, _ name: String) throws {
            guard let column, column.map(\.count) != shape else { return }
            throw problem("\(name) holds \(column.map(\.count)) rounds per process, medians \(shape)")
        }
        func expand(_ column: CollapsibleColumn<Int, [CollapsibleColumn<Int, [Int]>]>, _ name: String) throws -> [[Int]] {
            switch column {
            case .constant(let value):
                return shape.map { Array(repeating: value, count: $0) }
            case .rows(let processes):
                guard processes.count == shape.count else {
                    throw problem("\(name) has \(processes.count) entries for \(shape.count) processes")
                }
                let rows = zip(processes, shape).map { entry, count in
                    switch entry {
                    case .constant(let value): Array(repeating: value, count: count)
                    case .rows(let values): values
                    }
                }
                try check(rows, name)
                return rows
            }
        }
        let processes = processList
        guard processes.count == medians.count else {
            throw problem("\(processes.count) processes but \(medians.count) lists of medians")
        }
        let iterations = try expand(self.iterations, "iterations")
        let samples = try expand(self.samples, "samples")
        try check(cpuNanosecondsPerCall, "cpuNanosecondsPerCall")
        let tails = [p75, p90, p95, p99, p999]
        for (column, name) in zip(tails, ["p75", "p90", "p95", "p99", "p999"]) { try check(column, name) }
        let keptTails = tails.compactMap { $0 }
        guard keptTails.isEmpty || keptTails.count == tails.count else {
            throw problem("has \(keptTails.count) of the 5 percentile columns p75 to p999; a compact file keeps all or none")
        }
        return processes.indices.flatMap { group in
            medians[group].indices.map { index in
                var record = RoundRecord(
                    median: medians[group][index],
                    iterations: iterations[group][index],
                    samples: samples[group][index],
                    cpuNanosecondsPerCall: cpuNanosecondsPerCall?[group][index],
                    process: processes[group]
                )
                if let p75, let p90, let p95, let p99, let p999 {
                    record.percentiles = Percentiles(
                        p50: medians[group][index], p75: p75[group][index], p90: p90[group][index],
                        p95: p95[group][index], p99: p99[group][index], p999: p999[group][index]
                    )
                }
                return record
            }
        }
    }
}
