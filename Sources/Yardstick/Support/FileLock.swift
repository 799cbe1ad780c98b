import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a file (`flock`), held until released or until the process
/// ends, so two baseline updates never interleave their read-modify-write.
final class FileLock {
    private let descriptor: Int32

    /// Takes the lock at `url`, creating the file when missing; waits while another process
    /// holds it, calling `onWait` once first.
    init(at url: URL, onWait: () -> Void = {}) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let error = POSIXError(errno)
                close(descriptor)
                throw error
            }
            onWait()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let error = POSIXError(errno)
                    close(descriptor)
                    throw error
                }
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
