/// Everything that stops `bench` before or instead of a verdict, with the one line it prints.
///
/// A bad flag or value, an invalid definition, an unreadable or invalid input file, a refused
/// baseline update, an output that cannot be written: exit code 2. A measuring process that
/// crashed: exit code 1, as a benchmark that crashes is an error, never a pass. Regressions
/// and benchmark errors are not errors of the command line; they are results (exit code 1).
public enum CommandLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A flag, value, subcommand or argument is wrong.
    case usage(String)
    /// An input file is missing or invalid.
    case input(String)
    /// A results file could not be written.
    case output(String)
    /// A measuring process ended without results: a benchmark crashed or hung.
    case crashed(String)

    /// The message, without the `bench: error: ` prefix the command line adds.
    public var description: String {
        switch self {
        case .usage(let message), .input(let message), .output(let message), .crashed(let message): message
        }
    }

    /// The exit status for this error.
    public var exitCode: ExitCode {
        switch self {
        case .crashed: .failure
        case .usage, .input, .output: .usageError
        }
    }
}
