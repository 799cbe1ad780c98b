import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes lines to an open file descriptor: standard output or error, a pipe, a file.
///
/// Each line is one `write(2)`, repeated only for the rest of a partial write, with no
/// buffering in user space: a line is out of the process when ``write(_:)`` returns, so a
/// crash loses nothing, at the cost of a system call per line (a microsecond or more). A lock
/// keeps concurrent lines from interleaving. Failed writes are counted, never thrown, so
/// logging cannot take a server down; a line that fails is dropped.
///
/// Writing to a pipe whose reader has gone raises `SIGPIPE`, which ends the process unless it
/// ignores the signal, as servers usually do (`signal(SIGPIPE, SIG_IGN)`); the sink leaves that
/// process-wide choice to the program.
public final class StreamLogSink: LogSink, @unchecked Sendable {
    /// Standard output (descriptor 1).
    public static let standardOutput = StreamLogSink(fileDescriptor: STDOUT_FILENO)
    /// Standard error (descriptor 2).
    public static let standardError = StreamLogSink(fileDescriptor: STDERR_FILENO)

    /// The descriptor lines are written to; the sink does not close it.
    public let fileDescriptor: Int32
    /// Keeps a file handle, and with it the descriptor, open as long as the sink lives.
    private let fileHandle: FileHandle?
    private let lock = Lock()
    /// Lines that could not be written in full; guarded by `lock`.
    private var failures = 0

    /// A sink writing to `fileDescriptor`, which the caller keeps open.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        fileHandle = nil
    }

    /// A sink writing to `fileHandle`'s descriptor, such as `FileHandle.standardError`; the
    /// sink holds the handle, so it stays open while the sink lives.
    public init(fileHandle: FileHandle) {
        self.fileDescriptor = fileHandle.fileDescriptor
        self.fileHandle = fileHandle
    }

    /// Writes `line` in full, or counts a failure.
    public func write(_ line: ArraySlice<UInt8>) {
        lock.withLock {
            let complete = line.withUnsafeBytes { bytes in
                writeFully(fileDescriptor, bytes)
            }
            if !complete { failures += 1 }
        }
    }

    /// Lines that failed to be written (a closed descriptor, a full disk, …) since creation.
    public var failedWriteCount: Int {
        lock.withLock { failures }
    }
}
