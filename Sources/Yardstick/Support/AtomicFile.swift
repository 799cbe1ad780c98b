import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader never sees a partial one and a failure never loses the old one.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, flushes it to disk, then renames it over
    /// `url`. The parent directory is created when missing.
    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        do {
            try writeAll(data, to: descriptor)
            guard fsync(descriptor) == 0 else { throw POSIXError(errno) }
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        // close is not retried: on Linux the descriptor is released even when it fails.
        guard close(descriptor) == 0 else {
            let error = POSIXError(errno)
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = POSIXError(errno)
            unlink(temporary.path)
            throw error
        }
        // Make the rename itself durable: it lives in the directory's entries.
        let directoryDescriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}

extension POSIXError {
    /// The error for a raw `errno` value.
    init(_ code: Int32) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
