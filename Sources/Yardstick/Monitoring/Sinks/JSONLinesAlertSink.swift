import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends each alert event to a file as one line of compact JSON (sorted keys, ISO 8601 dates
/// with milliseconds), the format `jq`, Vector and Loki's promtail read line by line:
///
/// ```
/// {"alert":{"firstSeen":"2026-12-02T12:00:01.123Z","id":7,"level":"critical",…},"at":"2026-12-02T12:00:03.123Z","kind":"fired"}
/// ```
///
/// The file is opened on the first event with `O_APPEND`, its directory created when missing,
/// and each line goes out in one `write(2)`: appends to a local file are atomic, so lines from
/// several processes sharing the file interleave whole, never mixed within a line.
///
/// Failures (the directory cannot be made, the disk is full) go to `onFailure`, one line each;
/// after a failed write the file is closed, so the next event tries to open it again.
/// ``close()`` closes it too, which is how to follow a log rotation: rename, then `close()`.
public final class JSONLinesAlertSink: AlertSink {
    /// The file events are appended to.
    public let url: URL
    private let onFailure: @Sendable (String) -> Void
    /// The open file, if any. The lock also keeps `close()` from pulling the descriptor out
    /// from under a write in progress.
    private let descriptor = Mutex<Int32?>(nil)

    /// A sink appending to `url`.
    ///
    /// - Parameters:
    ///   - url: The file; created when missing, never truncated.
    ///   - onFailure: Receives one line per failure; `nil` writes it to standard error.
    public init(url: URL, onFailure: (@Sendable (String) -> Void)? = nil) {
        self.url = url
        self.onFailure = onFailure ?? SinkFailure.standardError
    }

    deinit {
        close()
    }

    public func deliver(_ event: AlertEvent) async {
        append(event)
    }

    /// Appends `event` now, on the calling thread.
    /// - Returns: Whether the line was written.
    @discardableResult
    public func append(_ event: AlertEvent) -> Bool {
        var line: Data
        do {
            line = try ResultsFile.encodeCompact(event)
        } catch {
            onFailure("\(url.relativePath): cannot encode a \(event.kind.rawValue) event of \(event.alert.metric): \(error)")
            return false
        }
        line.append(UInt8(ascii: "\n"))
        let problem = descriptor.withLock { descriptor -> String? in
            do {
                let open = try descriptor ?? openFile()
                descriptor = open
                do {
                    try Self.write(line, to: open)
                } catch {
                    closeFile(open)
                    descriptor = nil
                    throw error
                }
                return nil
            } catch {
                return describeFileError(error)
            }
        }
        // Reported outside the lock: the closure may be slow or deliver to this sink's file.
        if let problem {
            onFailure("\(url.relativePath): cannot append a \(event.kind.rawValue) event of \(event.alert.metric) (\(problem))")
            return false
        }
        return true
    }

    /// Closes the file; the next event opens it again, at whatever is at ``url`` then.
    public func close() {
        descriptor.withLock { descriptor in
            if let open = descriptor { closeFile(open) }
            descriptor = nil
        }
    }

    private func openFile() throws -> Int32 {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        return descriptor
    }

    /// Writes `line` with one `write(2)`. Only when the kernel takes part of it (a full disk,
    /// a file size limit) does a second write follow, finishing the line: a line without its
    /// end would run into the next one and spoil both.
    private static func write(_ line: Data, to descriptor: Int32) throws {
        try writeAll(line, to: descriptor)
    }
}

/// Closes a descriptor; a free function, since inside the sink `close` names its own method.
private func closeFile(_ descriptor: Int32) {
    _ = close(descriptor)
}
