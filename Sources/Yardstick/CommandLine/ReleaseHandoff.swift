import Foundation

/// What a debug build of `bench` does when asked to measure: it builds the release build of its
/// own product and hands over to it, so that `swift run bench`, which builds debug, measures
/// release code and exits with the release process's code.
///
/// Only commands that measure in this build hand over (``Command/measuresThisBuild``); `list`,
/// `compare`, `report`, `ab` (which builds release itself), help and a command line that does
/// not parse run where they are. The package is found from the executable's path: a debug
/// build lives in `ROOT/.build/debug/NAME` or `ROOT/.build/TRIPLE/debug/NAME`, and `NAME` is
/// the product to build. Where there is no such package (an installed binary) or no `swift` on
/// `PATH`, the debug build says what to type and measures itself, as `--allow-debug` asks.
///
/// A decision over plain inputs, so that tests need no file system, toolchain or process;
/// ``perform(_:with:console:)`` carries it out through a ``ReleaseHandoffSystem``.
struct ReleaseHandoff {
    /// Set for the release build this process hands over to, and in a debug build that
    /// measures itself, for the processes it starts (`--processes`): a process that finds it
    /// set (not empty) never hands over, so a handover cannot loop and children measure their parent's build.
    static let guardVariable = "YARDSTICK_NO_RELEASE_HANDOFF"

    /// What to do.
    enum Decision: Equatable {
        /// Run the command here: a release build, or a command that measures nothing.
        case proceed
        /// Measure in this debug build; print `hint` first when there is one (what to type to
        /// measure release).
        case measureInDebug(hint: String?)
        /// Build the release build and hand over to it.
        case handOver(ReleaseBuild)
    }

    /// The release build of a package's executable product, and the arguments it is run with.
    struct ReleaseBuild: Equatable {
        /// The directory holding `Package.swift`.
        var packageRoot: String
        /// The executable product, also the executable's file name.
        var product: String
        /// The `swift` driver found on `PATH`.
        var swift: String
        /// The arguments after the program's name, passed on unchanged.
        var arguments: [String]

        /// `swift build`'s arguments to build the product in release.
        var buildArguments: [String] { ["build", "-c", "release", "--product", product, "--package-path", packageRoot] }

        /// `swift build`'s arguments to print the release products' directory.
        var binPathArguments: [String] { ["build", "-c", "release", "--show-bin-path", "--package-path", packageRoot] }
    }

    /// This process's executable, symbolic links resolved.
    var executablePath: String
    /// The arguments after the program's name.
    var arguments: [String]
    var environment: [String: String]
    /// The configuration this executable was compiled in.
    var configuration: BuildConfiguration
    /// Whether a file exists at a path.
    var fileExists: (String) -> Bool

    /// The handoff of this process.
    static func current(arguments: [String]) -> ReleaseHandoff {
        ReleaseHandoff(
            executablePath: MeasuringProcess.currentExecutable().path,
            arguments: arguments,
            environment: ProcessInfo.processInfo.environment,
            configuration: .current,
            fileExists: { FileManager.default.fileExists(atPath: $0) }
        )
    }

    /// What this process should do.
    func decide() -> Decision {
        guard configuration == .debug,
              let command = try? CommandParser.parse(arguments),
              command.measuresThisBuild
        else { return .proceed }
        if command.allowsDebugBuild || !(environment[Self.guardVariable] ?? "").isEmpty {
            return .measureInDebug(hint: nil)
        }
        guard let root = packageRoot() else {
            return .measureInDebug(hint: "bench: this debug build is not in a package's .build directory, so it cannot build its release build; "
                + "to measure release, type in the package: \(releaseCommand)")
        }
        guard let swift = swiftOnPath() else {
            return .measureInDebug(hint: "bench: no swift on PATH to build the release build of this debug build; "
                + "to measure release, type: \(releaseCommand)")
        }
        return .handOver(ReleaseBuild(packageRoot: root, product: product, swift: swift, arguments: arguments))
    }

    /// The executable's file name: the product SwiftPM built it for.
    private var product: String { URL(fileURLWithPath: executablePath).lastPathComponent }

    /// What a user types to measure the same thing in release.
    var releaseCommand: String { Formatting.shellCommand(["swift", "run", "-c", "release", product] + arguments) }

    /// What a user types to measure the same thing in debug, after a failed release build.
    var debugCommand: String { Formatting.shellCommand(["swift", "run", product] + arguments + ["--allow-debug"]) }

    /// The directory above the innermost `.build` component of the executable's path that holds
    /// a `Package.swift`.
    private func packageRoot() -> String? {
        let components = URL(fileURLWithPath: executablePath).standardizedFileURL.pathComponents
        // The executable itself cannot be the build directory: search its folders only.
        for index in components.indices.dropLast().reversed() where components[index] == ".build" {
            let root = NSString.path(withComponents: Array(components[..<index]))
            if fileExists((root as NSString).appendingPathComponent("Package.swift")) { return root }
        }
        return nil
    }

    /// The first `swift` in the directories of `PATH`.
    private func swiftOnPath() -> String? {
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories
            .filter { $0.hasPrefix("/") }
            .map { ($0 as NSString).appendingPathComponent("swift") }
            .first(where: fileExists)
    }
}
