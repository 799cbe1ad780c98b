import Foundation

/// Timing plans taken from results, and read from and written to the file that carries them to
/// a measuring process: the parts of ``PriorTimingPlans`` that name results files.
extension PriorTimingPlans {
    /// The plan of every benchmark of `results` that recorded one.
    public init(_ results: RunResults, rule: Rule) {
        self.rule = rule
        batchSizes = Dictionary(
            results.benchmarks.compactMap { result in result.batchSize.map { (result.name, $0) } },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The plans every process after `part` reuses, when `part` was given `prior`.
    ///
    /// Plans given to be reused stay as they were: a process can only add the plans of
    /// benchmarks that had none (new ones, or ones that failed before being timed), so a
    /// process that could not take the plans (an older bench executable in `bench ab`) does not
    /// change them for the processes after it. Plans given to be kept within the band are
    /// replaced by what `part` decided, since that process was the one to decide.
    public static func after(_ part: RunResults, given prior: PriorTimingPlans?) -> PriorTimingPlans {
        let chosen = PriorTimingPlans(part, rule: .reuse).batchSizes
        let given = prior?.batchSizes ?? [:]
        switch prior?.rule {
        case .reuse?:
            return PriorTimingPlans(rule: .reuse, batchSizes: given.merging(chosen) { given, _ in given })
        case .keepWithinBand?, nil:
            return PriorTimingPlans(rule: .reuse, batchSizes: given.merging(chosen) { _, chosen in chosen })
        }
    }

    /// Reads plans written by ``write(to:)``.
    ///
    /// - Throws: ``ResultsFileError`` naming the file: unreadable, not JSON, or not plans (a
    ///   batch size under 1, an unknown rule).
    public static func load(from url: URL) throws(ResultsFileError) -> PriorTimingPlans {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResultsFileError(url, "cannot be read (\(describeFileError(error)))")
        }
        let plans: PriorTimingPlans
        do {
            plans = try JSONDecoder().decode(PriorTimingPlans.self, from: data)
        } catch {
            throw ResultsFileError(url, "is not a timing-plans file (expected {\"rule\": \"reuse\", \"batchSizes\": {NAME: N}})")
        }
        if let (name, size) = plans.batchSizes.first(where: { $0.value < 1 }) {
            throw ResultsFileError(url, "gives '\(name)' a batch size of \(size); it must be at least 1")
        }
        return plans
    }

    /// Writes the plans to `url` atomically, as compact JSON with sorted keys.
    public func write(to url: URL) throws(ResultsFileError) {
        do {
            try AtomicFile.write(try ResultsFile.encodeCompact(self), to: url)
        } catch {
            throw ResultsFileError(url, "cannot be written (\(describeFileError(error)))")
        }
    }
}
