/// The `bench` process's exit status, which CI jobs act on.
public struct ExitCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The status passed to `exit`.
    public var rawValue: Int32

    /// Creates an exit code.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// 0: everything ran and nothing regressed.
    public static let success = ExitCode(rawValue: 0)
    /// 1: a benchmark regressed or ended in an error.
    public static let failure = ExitCode(rawValue: 1)
    /// 2: the command line or an input file is invalid; nothing was measured or judged.
    public static let usageError = ExitCode(rawValue: 2)

    public var description: String { "exit code \(rawValue)" }
}
