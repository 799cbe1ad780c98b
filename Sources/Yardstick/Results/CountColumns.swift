/// A benchmark's allocation counts as a compact results file stores them: one column per
/// field, one number when every process counted the same (as they do for a benchmark without
/// concurrency), otherwise one number per process in the order of `process`. `process` is
/// left out when it lists the same processes as the benchmark's rounds.
///
/// ```json
/// {"allocatedBytes": 4800, "allocations": 3, "calls": 100, "freedBytes": 4800, "frees": 3, "peakBytes": [96, 112]}
/// ```
struct CountColumns: Codable, Hashable, Sendable {
    /// The process of each count; `nil` for the processes of the rounds.
    var process: [Int]?
    /// One column per field of ``AllocationCounts``.
    var calls, allocations, frees, allocatedBytes, freedBytes, peakBytes: CollapsibleColumn<Int, [Int]>

    /// The columns of `counts`, leaving `process` out when it is `roundProcesses`.
    init(_ counts: [AllocationCounts], roundProcesses: [Int]) {
        func column(_ value: (AllocationCounts) -> Int) -> CollapsibleColumn<Int, [Int]> {
            let values = counts.map(value)
            return CollapsibleColumn(values, values: values)
        }
        let process = counts.map(\.process)
        self.process = process == roundProcesses ? nil : process
        calls = column(\.calls)
        allocations = column(\.allocations)
        frees = column(\.frees)
        allocatedBytes = column(\.allocatedBytes)
        freedBytes = column(\.freedBytes)
        peakBytes = column(\.peakBytes)
    }

    /// One ``AllocationCounts`` per process; `roundProcesses` are the processes when the
    /// columns do not name them.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when a column's length is not the number of
    ///   processes.
    func counts(roundProcesses: [Int], codingPath: [any CodingKey]) throws -> [AllocationCounts] {
        let process = self.process ?? roundProcesses
        let columns = [("calls", calls), ("allocations", allocations), ("frees", frees),
                       ("allocatedBytes", allocatedBytes), ("freedBytes", freedBytes), ("peakBytes", peakBytes)]
        for (name, column) in columns {
            if case .rows(let rows) = column, rows.count != process.count {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath,
                    debugDescription: "\(name) has \(rows.count) values for \(process.count) processes"
                ))
            }
        }
        func value(_ column: CollapsibleColumn<Int, [Int]>, _ index: Int) -> Int {
            switch column {
            case .constant(let value): value
            case .rows(let rows): rows[index]
            }
        }
        return process.indices.map { index in
            AllocationCounts(
                calls: value(calls, index), allocations: value(allocations, index), frees: value(frees, index),
                allocatedBytes: value(allocatedBytes, index), freedBytes: value(freedBytes, index),
                peakBytes: value(peakBytes, index), process: process[index]
            )
        }
    }
}
