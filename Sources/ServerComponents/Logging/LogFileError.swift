#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A log file that could not be opened, with the system's reason.
public struct LogFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public let path: String
    /// The `errno` of the failed `open(2)`.
    public let code: Int32

    /// An error for `path`, failed with `errno` value `code`.
    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    /// `cannot open log file: PATH (REASON) — check that its directory exists and is writable`.
    public var description: String {
        let reason = String(cString: strerror(code))
        return "cannot open log file: \(path) (\(reason)) — check that its directory exists and is writable"
    }
}
