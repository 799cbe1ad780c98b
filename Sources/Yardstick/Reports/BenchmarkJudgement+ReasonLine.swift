extension BenchmarkJudgement {
    /// Its reasons' sentences on one line, separated by semicolons, as every report lists them.
    var reasonLine: String { reasons.map(\.text).joined(separator: "; ") }
}
