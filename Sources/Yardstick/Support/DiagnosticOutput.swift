import Foundation

/// Somewhere the library writes lines for a person that are not a report: alert lines, a
/// sink's complaints. The command line's `Console` is one (its standard error); a test passes
/// one that records.
public protocol DiagnosticOutput: Sendable {
    /// Writes `text` as given; the caller ends its lines.
    func writeDiagnostic(_ text: String)
}

/// The process's standard error, the ``DiagnosticOutput`` the library uses when given none.
public struct StandardErrorOutput: DiagnosticOutput {
    /// Standard error of this process.
    public init() {}

    public func writeDiagnostic(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
