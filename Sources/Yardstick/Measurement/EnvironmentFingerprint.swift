import Foundation

/// The machine and build a run was measured on. Two runs are comparable only on the same kind of
/// machine, with the same toolchain and build configuration.
public struct EnvironmentFingerprint: Sendable, Hashable, Codable {
    /// The processor, as `/proc/cpuinfo` names it (`AMD EPYC`).
    public var cpuModel: String
    /// Logical processors available to the process.
    public var logicalCores: Int
    /// Physical memory in bytes.
    public var memoryBytes: UInt64
    /// The operating system's name and version (`Debian GNU/Linux 12 (bookworm)`).
    public var operatingSystem: String
    /// The kernel release (`6.1.0-18-amd64`).
    public var kernel: String
    /// The Swift compiler's version, to the minor release (`6.3`).
    public var swiftVersion: String
    /// Debug or release.
    public var buildConfiguration: BuildConfiguration
    /// The commit of the working directory's git repository, when there is one.
    public var gitCommit: String?

    /// Creates a fingerprint from known values.
    public init(
        cpuModel: String,
        logicalCores: Int,
        memoryBytes: UInt64,
        operatingSystem: String,
        kernel: String,
        swiftVersion: String,
        buildConfiguration: BuildConfiguration,
        gitCommit: String?
    ) {
        self.cpuModel = cpuModel
        self.logicalCores = logicalCores
        self.memoryBytes = memoryBytes
        self.operatingSystem = operatingSystem
        self.kernel = kernel
        self.swiftVersion = swiftVersion
        self.buildConfiguration = buildConfiguration
        self.gitCommit = gitCommit
    }

    /// Reads this machine's fingerprint. Reading the git commit runs `git`, which takes a few
    /// milliseconds; `GITHUB_SHA` is used instead when set.
    public static func current(workingDirectory: URL? = nil) -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            cpuModel: cpuModelName() ?? "unknown",
            logicalCores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            operatingSystem: operatingSystemName(),
            kernel: kernelRelease(),
            swiftVersion: compilerVersion,
            buildConfiguration: .current,
            gitCommit: gitCommit(in: workingDirectory)
        )
    }

    private static func cpuModelName() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private static func operatingSystemName() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    private static func kernelRelease() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "unknown" }
        return withUnsafeBytes(of: &name.release) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func gitCommit(in directory: URL?) -> String? {
        if let sha = ProcessInfo.processInfo.environment["GITHUB_SHA"], !sha.isEmpty { return sha }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let commit = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return commit.isEmpty ? nil : commit
    }

    /// The compiler's version to the minor release, from conditional compilation.
    static let compilerVersion: String = {
        #if compiler(>=7.0)
        return "7.0 or later"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }()
}
