/// Everything that stops `bench` before or instead of a verdict, with the one line it prints.
///
/// Every case maps to ``ExitCode/usageError`` (2): a bad flag or value, an invalid definition,
/// an unreadable or invalid input file, an output that cannot be written. Regressions and
/// benchmark errors are not errors of the command line; they are results (exit code 1).
public enum CommandLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A flag, value, subcommand or argument is wrong.
    case usage(String)
    /// An input file is missing or invalid.
    case input(String)
    /// A results file could not be written.
    case output(String)

    /// The message, without the `bench: error: ` prefix the command line adds.
    public var description: String {
        switch self {
        case .usage(let message), .input(let message), .output(let message): message
        }
    }

    /// The exit status for this error.
    public var exitCode: ExitCode { .usageError }
}
