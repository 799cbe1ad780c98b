import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the command line writes: results to standard output, progress and errors to standard
/// error. Tests inject a console that records what was written.
public struct Console: Sendable {
    /// Writes to standard output.
    public var output: @Sendable (String) -> Void
    /// Writes to standard error.
    public var error: @Sendable (String) -> Void
    /// Whether standard error is a terminal, so progress can redraw one live line.
    public var errorIsTerminal: Bool

    /// A console with the given writers.
    public init(
        output: @escaping @Sendable (String) -> Void,
        error: @escaping @Sendable (String) -> Void,
        errorIsTerminal: Bool = false
    ) {
        self.output = output
        self.error = error
        self.errorIsTerminal = errorIsTerminal
    }

    /// The process's standard output and standard error.
    public static var standard: Console {
        Console(
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            error: { FileHandle.standardError.write(Data($0.utf8)) },
            errorIsTerminal: isatty(STDERR_FILENO) == 1
        )
    }
}

extension Console: DiagnosticOutput {
    /// Writes `text` to standard error, where diagnostics such as alert lines belong.
    public func writeDiagnostic(_ text: String) {
        error(text)
    }
}
