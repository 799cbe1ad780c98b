import Foundation

/// Named baselines in a directory: `NAME.json` (a blessed run, in the results schema's compact
/// form: see ``ResultsForm/compact``), its lock file `.NAME.lock`, and its history
/// `history/NAME.jsonl`.
public struct BaselineStore: Sendable {
    /// The directory, such as `baselines`.
    public var directory: URL
    /// How many history records each baseline keeps.
    public var historyLimit: Int

    /// The default baseline's name.
    public static let defaultName = "default"

    /// A store in `directory`.
    public init(directory: URL, historyLimit: Int = 100) {
        self.directory = directory
        self.historyLimit = historyLimit
    }

    /// The file of baseline `name`.
    public func url(for name: String) -> URL {
        directory.appendingPathComponent("\(name).json")
    }

    /// The history file of baseline `name`.
    public func historyURL(for name: String) -> URL {
        directory.appendingPathComponent("history").appendingPathComponent("\(name).jsonl")
    }

    /// Checks that `name` can name a file: letters, digits, `.`, `_` and `-`.
    public static func validate(name: String) throws(BaselineError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard !name.isEmpty, !name.hasPrefix("."), name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw .invalidName(name)
        }
    }

    /// Baseline `name`, or `nil` when there is none.
    ///
    /// - Throws: ``BaselineError/unreadable(_:)`` when the file exists but cannot be read or is
    ///   not a valid results file.
    public func load(_ name: String) throws(BaselineError) -> RunResults? {
        try Self.validate(name: name)
        let url = url(for: name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try ResultsFile.load(from: url)
        } catch {
            throw .unreadable(error)
        }
    }

    /// The baseline `choice` names, read: `default` when it exists for ``BaselineChoice/automatic``,
    /// the named one, which must exist, or `nil` for ``BaselineChoice/none`` and for an
    /// automatic choice with no `default` yet.
    ///
    /// - Throws: ``BaselineError/notFound(_:path:)`` when a named baseline does not exist,
    ///   ``BaselineError/invalidName(_:)`` or ``BaselineError/unreadable(_:)`` as ``load(_:)``.
    public func resolve(_ choice: BaselineChoice) throws(BaselineError) -> LoadedBaseline? {
        let name: String
        switch choice {
        case .none: return nil
        case .automatic: name = Self.defaultName
        case .named(let chosen): name = chosen
        }
        guard let results = try load(name) else {
            if case .named = choice { throw .notFound(name, path: url(for: name).relativePath) }
            return nil
        }
        return LoadedBaseline(name: name, url: url(for: name), results: results)
    }

    /// The history of baseline `name`, oldest first; empty when there is none.
    public func history(of name: String) -> [BaselineHistoryRecord] {
        BaselineHistory.records(at: historyURL(for: name))
    }

    /// Blesses `results` as baseline `name`.
    ///
    /// Refuses a debug build's results, results with errors, and results that lack benchmarks
    /// the current baseline has, unless `allowPartial`, which keeps those benchmarks from the
    /// current baseline. Under the baseline's lock: reads the current baseline, writes the new
    /// one atomically in the compact form (the raw samples stay in `results`' own file), and
    /// appends to the history. A refusal or a failed write leaves the
    /// baseline as it was; a failed history append is reported in the returned update.
    ///
    /// - Parameter onWait: Called once if another update holds the lock.
    @discardableResult
    public func update(
        _ name: String,
        with results: RunResults,
        allowPartial: Bool = false,
        onWait: () -> Void = {}
    ) throws(BaselineError) -> BaselineUpdate {
        try Self.validate(name: name)
        if results.environment.buildConfiguration == .debug { throw .debugBuild(name) }
        let failed = results.benchmarks.filter { $0.failure != nil }.map(\.name)
        if !failed.isEmpty { throw .runHasErrors(name, failed) }
        if results.benchmarks.isEmpty { throw .emptyRun(name) }

        let lock: FileLock
        do {
            lock = try FileLock(at: directory.appendingPathComponent(".\(name).lock"), onWait: onWait)
        } catch {
            let path = directory.appendingPathComponent(".\(name).lock").relativePath
            throw .cannotWrite("\(path): cannot be written (\(describeFileError(error)))")
        }
        defer { withExtendedLifetime(lock) {} }

        let previous = try load(name)
        var blessed = results
        if let previous {
            let kept = previous.benchmarks.filter { blessed.benchmark(named: $0.name) == nil }
            if !kept.isEmpty {
                guard allowPartial else { throw .partialRun(name, kept.map(\.name)) }
                // Kept benchmarks take on the new run's environment: only if it is the same kind.
                let blocking = EnvironmentDifference.between(previous.environment, results.environment).filter(\.isBlocking)
                guard blocking.isEmpty else { throw .partialRunInAnotherEnvironment(name, blocking.map(\.summary)) }
                blessed.benchmarks += kept
                // Kept rounds keep their process tags; the header must count those processes too.
                let keptProcesses = kept.flatMap(\.rounds).map(\.process).max().map { $0 + 1 } ?? 0
                blessed.processes = max(blessed.processes, keptProcesses)
            }
        }
        do {
            try ResultsFile.write(blessed, to: url(for: name), form: .compact)
        } catch {
            throw .cannotWrite(error.description)
        }
        var historyProblem: String?
        do {
            try BaselineHistory.append(BaselineHistoryRecord(blessed), to: historyURL(for: name), limit: historyLimit)
        } catch {
            historyProblem = "\(historyURL(for: name).relativePath): cannot be written (\(describeFileError(error))); "
                + "the baseline was updated, its history was not"
        }
        return BaselineUpdate(name: name, previous: previous, blessed: blessed, historyProblem: historyProblem)
    }
}

/// What a baseline update did.
public struct BaselineUpdate: Sendable {
    /// The baseline's name.
    public var name: String
    /// The baseline it replaced, if there was one.
    public var previous: RunResults?
    /// The baseline written.
    public var blessed: RunResults
    /// Why the history was not appended to, when it was not; the baseline was still written.
    public var historyProblem: String?
}

/// Why a baseline could not be read or updated. Every case is an input error (exit code 2),
/// and none leaves a file changed.
public enum BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name cannot name a file.
    case invalidName(String)
    /// A baseline chosen by name has no file (at `path`).
    case notFound(String, path: String)
    /// The baseline file exists but is unreadable or invalid.
    case unreadable(ResultsFileError)
    /// The results come from a debug build.
    case debugBuild(String)
    /// Some benchmarks of the results ended in errors.
    case runHasErrors(String, [String])
    /// The results have no benchmarks.
    case emptyRun(String)
    /// The results lack benchmarks the baseline has, and merging was not allowed.
    case partialRun(String, [String])
    /// Benchmarks would be kept from a baseline recorded in another environment.
    case partialRunInAnotherEnvironment(String, [String])
    /// A file could not be written: `PATH: cannot be written (REASON)`.
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .invalidName(let name):
            "invalid baseline name '\(name)': use letters, digits, '.', '_' and '-', not starting with '.'"
        case .notFound(let name, let path):
            "no baseline named '\(name)': \(path) does not exist"
        case .unreadable(let error):
            error.description
        case .debugBuild(let name):
            "refusing to update baseline '\(name)' from a debug build: its timings are not comparable; use swift run -c release bench"
        case .runHasErrors(let name, let failed):
            "refusing to update baseline '\(name)': \(Formatting.counted(failed.count, "benchmark")) ended in errors (\(Self.list(failed)))"
        case .emptyRun(let name):
            "refusing to update baseline '\(name)': the run has no benchmarks"
        case .partialRun(let name, let missing):
            "refusing to update baseline '\(name)': the run lacks \(Formatting.counted(missing.count, "benchmark")) it has "
                + "(\(Self.list(missing))); pass --allow-partial to keep them from the current baseline"
        case .partialRunInAnotherEnvironment(let name, let differences):
            "refusing to update baseline '\(name)' partially: the benchmarks it would keep were measured in another "
                + "environment (\(differences.joined(separator: "; "))); update the whole baseline"
        case .cannotWrite(let problem):
            "\(problem); the baseline is unchanged"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + ", …"
    }
}
