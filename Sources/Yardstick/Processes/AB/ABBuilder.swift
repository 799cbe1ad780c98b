import Foundation

/// Builds the two bench executables a side-by-side comparison measures: a git revision, and
/// the working tree, both as release builds of the same product with the same code-layout
/// flags, each in a scratch folder of its own under `.build/yardstick-ab/`.
///
/// **Layout.** Where the linker places functions and branch targets moves a function's speed by
/// several percent on its own (a no-op change moved an untouched benchmark by 7.5% here). Every
/// build aligns functions and non-fall-through blocks to 64 bytes (``layoutFlags``), which cut
/// that no-op's effect to 1.5%, and costs no speed.
///
/// **Revisions** are exported with `git archive` (committed files only, whole repository, since
/// a package may depend on its parent folder) and built once per commit: a later comparison
/// against the same commit reuses the executable. The newest ``cachedRevisions`` stay.
///
/// **The working tree** is built as it is on disk, uncommitted changes included, in a scratch
/// folder kept between runs, so a rebuild is incremental.
public struct ABBuilder: Sendable {
    /// The folder holding `Package.swift`.
    public var packageDirectory: URL
    /// The executable product to build, such as `bench`.
    public var product: String
    /// Where builds are kept: `.build/yardstick-ab/` in the package.
    public var cacheDirectory: URL
    /// Flags added to every `swift build`.
    public var buildFlags: [String]

    /// Functions and the blocks that are not reached by falling through, aligned to 2⁶ = 64
    /// bytes, so that an unrelated change cannot shift a loop across a cache line or a
    /// decoded-instruction window.
    public static let layoutFlags = [
        "-Xswiftc", "-Xllvm", "-Xswiftc", "-align-all-functions=6",
        "-Xswiftc", "-Xllvm", "-Xswiftc", "-align-all-nofallthru-blocks=6",
    ]

    /// Revision builds kept, newest first by use; older ones are deleted.
    public static let cachedRevisions = 3

    /// A builder of `product` in the package at `packageDirectory`.
    public init(packageDirectory: URL, product: String, buildFlags: [String] = ABBuilder.layoutFlags) {
        self.packageDirectory = packageDirectory.standardizedFileURL
        self.product = product
        self.cacheDirectory = self.packageDirectory.appendingPathComponent(".build/yardstick-ab", isDirectory: true)
        self.buildFlags = buildFlags
    }

    /// Builds `revision` (a branch, tag, commit or any git revision), or reuses its build.
    ///
    /// - Parameter log: Receives one line per step, for progress.
    /// - Throws: ``ABBuildError``: the package is not in a git checkout, the revision is
    ///   unknown, or it does not build (with the compiler's first error and the log's path).
    public func build(revision: String, log: (String) -> Void = { _ in }) throws(ABBuildError) -> ABBuild {
        let checkout = try gitCheckout()
        let commit = try resolve(revision, in: checkout)
        let folder = cacheDirectory.appendingPathComponent(commit, isDirectory: true)
        let scratch = folder.appendingPathComponent("build", isDirectory: true)
        let executable = scratch.appendingPathComponent("release/\(product)")
        let stamp = folder.appendingPathComponent("recipe.txt")
        let recipe = recipe(commit: commit)
        let description = "\(revision) (\(commit.prefix(10)))"
        return try withCacheLock(log: log) { () throws(ABBuildError) -> ABBuild in
            if (try? String(contentsOf: stamp, encoding: .utf8)) == recipe, FileManager.default.isExecutableFile(atPath: executable.path) {
                log("base \(description): reusing its build")
                touch(stamp)
                return ABBuild(executable: executable, description: description, commit: commit, isLayoutControlled: true)
            }
            try? FileManager.default.removeItem(at: folder)
            let source = folder.appendingPathComponent("source", isDirectory: true)
            log("base \(description): exporting the commit")
            try export(commit, from: checkout.top, to: source, folder: folder)
            let package = source.appendingPathComponent(checkout.prefix, isDirectory: true)
            adoptResolvedDependencies(in: package)
            log("base \(description): building \(product) (release, aligned layout)")
            try swiftBuild(
                packageDirectory: package,
                scratch: scratch, log: folder.appendingPathComponent("build.log"), what: "the base \(description)"
            )
            guard FileManager.default.isExecutableFile(atPath: executable.path) else {
                throw .noProduct("the base \(description) built, but has no executable product '\(product)'")
            }
            do {
                try Data(recipe.utf8).write(to: stamp)
            } catch {
                throw .io("cannot write \(stamp.relativePath): \(describeFileError(error))")
            }
            pruneRevisions(keeping: commit)
            return ABBuild(executable: executable, description: description, commit: commit, isLayoutControlled: true)
        }
    }

    /// Builds the working tree as it is on disk, in its own scratch folder.
    public func buildWorkingTree(log: (String) -> Void = { _ in }) throws(ABBuildError) -> ABBuild {
        let scratch = cacheDirectory.appendingPathComponent("working-tree", isDirectory: true)
        let commit = (try? gitCheckout()).flatMap { try? resolve("HEAD", in: $0) }
        let isDirty = commit != nil && !((try? git(["status", "--porcelain"]).outputText.isEmpty) ?? true)
        var description = "working tree"
        if let commit { description += " (\(commit.prefix(10))\(isDirty ? " + uncommitted changes" : ""))" }
        log("head \(description): building \(product) (release, aligned layout)")
        try withCacheLock(log: log) { () throws(ABBuildError) in
            try swiftBuild(
                packageDirectory: packageDirectory, scratch: scratch,
                log: cacheDirectory.appendingPathComponent("working-tree.log"), what: "the \(description)"
            )
        }
        let executable = scratch.appendingPathComponent("release/\(product)")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw .noProduct("the \(description) built, but has no executable product '\(product)'")
        }
        return ABBuild(executable: executable, description: description, commit: isDirty ? nil : commit, isLayoutControlled: true)
    }

    // MARK: Git

    private struct Checkout {
        var top: URL
        /// The package's folder relative to `top`, empty or ending in `/`.
        var prefix: String
    }

    private func gitCheckout() throws(ABBuildError) -> Checkout {
        let top = try? git(["rev-parse", "--show-toplevel"])
        guard let top, top.termination.isSuccess, !top.outputText.isEmpty else {
            throw .notAGitCheckout("\(packageDirectory.path) is not in a git checkout, so --base-ref cannot be built; give --base-executable instead")
        }
        let prefix = (try? git(["rev-parse", "--show-prefix"]))?.outputText ?? ""
        return Checkout(top: URL(fileURLWithPath: top.outputText, isDirectory: true), prefix: prefix)
    }

    private func resolve(_ revision: String, in checkout: Checkout) throws(ABBuildError) -> String {
        let resolved = try? git(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"])
        guard let resolved, resolved.termination.isSuccess, !resolved.outputText.isEmpty else {
            throw .unknownRevision(
                "unknown revision '\(revision)' in \(checkout.top.path) (a shallow clone lacks history: check out with fetch-depth: 0)"
            )
        }
        return resolved.outputText
    }

    private func export(_ commit: String, from top: URL, to source: URL, folder: URL) throws(ABBuildError) {
        let archive = folder.appendingPathComponent("source.tar")
        do {
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(source.relativePath): \(describeFileError(error))")
        }
        let steps: [(String, [String], URL?)] = [
            ("git", ["-C", top.path, "archive", "--format=tar", "--output", archive.path, commit], nil),
            ("tar", ["-xf", archive.path, "-C", source.path], nil),
        ]
        for (tool, arguments, directory) in steps {
            let result = try? ChildProcess.run(tool: tool, arguments, in: directory)
            guard let result, result.termination.isSuccess else {
                throw .io("cannot export commit \(commit.prefix(10)) with \(tool): \(result?.lastErrorLine ?? "\(tool) could not be started")")
            }
        }
        try? FileManager.default.removeItem(at: archive)
    }

    /// Gives an exported base that commits no `Package.resolved` the working tree's, so both
    /// sides build against the same dependency versions: otherwise a dependency's new release
    /// would show as the head's change. Where the base's manifest asks for other versions,
    /// SwiftPM resolves again, as it would have anyway.
    private func adoptResolvedDependencies(in package: URL) {
        let name = "Package.resolved"
        let own = packageDirectory.appendingPathComponent(name)
        let exported = package.appendingPathComponent(name)
        guard !FileManager.default.fileExists(atPath: exported.path), FileManager.default.fileExists(atPath: own.path) else { return }
        try? FileManager.default.copyItem(at: own, to: exported)
    }

    private func git(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess.run(tool: "git", ["-C", packageDirectory.path] + arguments)
    }

    // MARK: Building

    private func swiftBuild(packageDirectory: URL, scratch: URL, log: URL, what: String) throws(ABBuildError) {
        let arguments = ["build", "-c", "release", "--product", product, "--package-path", packageDirectory.path, "--scratch-path", scratch.path]
            + buildFlags
        let result: ChildProcess
        do {
            result = try ChildProcess.run(tool: "swift", arguments)
        } catch {
            throw .buildFailed("cannot run swift build for \(what): \(describeFileError(error))")
        }
        try? (result.output + result.error).write(to: log)
        guard result.termination.isSuccess else {
            let text = String(decoding: result.output + result.error, as: UTF8.self)
            let firstError = text.split(whereSeparator: \.isNewline).first { $0.contains("error:") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            throw .buildFailed("\(what) does not build: \(firstError ?? "swift build \(result.termination)") (log: \(log.relativePath))")
        }
    }

    /// What a revision build depends on besides the commit: a change of any of these rebuilds it.
    private func recipe(commit: String) -> String {
        let toolchain = (try? ChildProcess.run(tool: "swift", ["--version"]))?.outputText ?? "unknown toolchain"
        return (["commit \(commit)", "product \(product)", "flags \(buildFlags.joined(separator: " "))", toolchain]).joined(separator: "\n") + "\n"
    }

    // MARK: The cache

    /// Runs `body` holding the cache's lock, so two comparisons in one package never build into
    /// the same folder at once.
    private func withCacheLock<Result>(log: (String) -> Void, _ body: () throws(ABBuildError) -> Result) throws(ABBuildError) -> Result {
        let lock: FileLock
        do {
            lock = try FileLock(at: cacheDirectory.appendingPathComponent(".lock")) {
                log("waiting for another comparison's build in \(cacheDirectory.relativePath)")
            }
        } catch {
            throw .io("cannot lock \(cacheDirectory.relativePath): \(describeFileError(error))")
        }
        return try withExtendedLifetime(lock) { () throws(ABBuildError) -> Result in try body() }
    }

    private func touch(_ url: URL) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: url.path)
    }

    /// Deletes all but the ``cachedRevisions`` most recently used revision builds.
    private func pruneRevisions(keeping commit: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: cacheDirectory.path) else { return }
        let builds = names.filter { $0.count == 40 && $0.allSatisfy(\.isHexDigit) }.map { name -> (String, Date) in
            let stamp = cacheDirectory.appendingPathComponent(name).appendingPathComponent("recipe.txt")
            let used = (try? manager.attributesOfItem(atPath: stamp.path)[.modificationDate] as? Date) ?? .distantPast
            return (name, used)
        }
        for (name, _) in builds.sorted(by: { $0.1 > $1.1 }).dropFirst(Self.cachedRevisions) where name != commit {
            try? manager.removeItem(at: cacheDirectory.appendingPathComponent(name))
        }
    }

}

/// A bench executable ready to measure one side of a comparison.
public struct ABBuild: Sendable, Hashable {
    /// The executable.
    public var executable: URL
    /// How reports name it: `origin/main (3f2a9c01de)`, `working tree (…)`, or a path.
    public var description: String
    /// The commit it was built from, when it is exactly a commit.
    public var commit: String?
    /// Whether Yardstick built it with ``ABBuilder/layoutFlags``; an executable given by path may
    /// have any layout.
    public var isLayoutControlled: Bool

    /// An executable built elsewhere, by path.
    public init(executable: URL, description: String? = nil, commit: String? = nil, isLayoutControlled: Bool = false) {
        self.executable = executable
        self.description = description ?? executable.path
        self.commit = commit
        self.isLayoutControlled = isLayoutControlled
    }
}

/// A side-by-side comparison could not get its executables.
public enum ABBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--base-ref` needs git, and the package is not in a checkout.
    case notAGitCheckout(String)
    /// git does not know the revision.
    case unknownRevision(String)
    /// `swift build` failed.
    case buildFailed(String)
    /// The build has no such executable product.
    case noProduct(String)
    /// An executable is not a Yardstick bench executable.
    case notABenchExecutable(String)
    /// A file or folder could not be written.
    case io(String)

    /// The one line the command prints.
    public var description: String {
        switch self {
        case .notAGitCheckout(let message), .unknownRevision(let message), .buildFailed(let message),
             .noProduct(let message), .notABenchExecutable(let message), .io(let message):
            message
        }
    }
}
