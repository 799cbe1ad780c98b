#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends lines to a file and rotates it by size: when the next line would take `app.log`
/// past `maxBytes`, `app.log` becomes `app.log.1`, `app.log.1` becomes `app.log.2`, and so on,
/// the oldest past `maxFiles` files in all is deleted, and writing goes on in a new, empty
/// `app.log`.
///
/// ```swift
/// let sink = try RotatingFileLogSink(path: "/var/log/app/app.log", maxBytes: 10 << 20, maxFiles: 5)
/// ```
///
/// So no file exceeds `maxBytes` and the newest lines are in `path`, the next older in
/// `path.1`, up to `path.<maxFiles - 1>`. The one exception: a single line longer than
/// `maxBytes` is written alone into a new file rather than lost.
///
/// Each line is one `write(2)` in append mode, with no buffering in user space, so a crash
/// loses nothing. A lock serialises writes and rotations, so the sink is safe to share between
/// threads, though not between processes. Failures after creation are counted, never thrown:
/// a line that cannot be written is dropped, and a file that cannot be renamed is kept and
/// appended to rather than overwritten. An existing file at `path` is appended to, and rotated
/// when full.
public final class RotatingFileLogSink: LogSink, @unchecked Sendable {
    /// The file written to, such as `logs/app.log`; older files add `.1`, `.2`, ….
    public let path: String
    /// The most bytes a file holds, newlines included (at least 1).
    public let maxBytes: Int
    /// The most files kept, the one written to included (at least 1; with 1, a full file is
    /// deleted and started again).
    public let maxFiles: Int

    private let lock = Lock()
    /// The open file, or -1 when the last attempt to open it failed; guarded by `lock`.
    private var descriptor: Int32
    /// Bytes in the open file; guarded by `lock`.
    private var size: Int
    /// Lines dropped because they could not be written; guarded by `lock`.
    private var failedWrites = 0
    /// Rotations that could not rename or delete a file; guarded by `lock`.
    private var failedRotations = 0
    /// Rotations done; guarded by `lock`.
    private var rotations = 0

    /// Opens `path` for appending, creating it (mode 0644) if needed.
    ///
    /// - Throws: ``LogFileError`` when the file cannot be opened, such as when its directory
    ///   does not exist.
    public init(path: String, maxBytes: Int, maxFiles: Int) throws {
        self.path = path
        self.maxBytes = max(maxBytes, 1)
        self.maxFiles = max(maxFiles, 1)
        descriptor = Self.openForAppending(path)
        guard descriptor >= 0 else { throw LogFileError(path: path, code: errno) }
        size = Self.fileSize(descriptor)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The path of the file `age` rotations old: `path` itself for 0, then `path.1`, ….
    public func path(age: Int) -> String {
        age == 0 ? path : "\(path).\(age)"
    }

    /// Appends `line`, rotating first if it would take the file past ``maxBytes``.
    ///
    /// - Complexity: one `write(2)`; a rotation adds up to `maxFiles` renames and an `open(2)`.
    public func write(_ line: ArraySlice<UInt8>) {
        lock.withLock {
            if size > 0 && size + line.count > maxBytes {
                rotate()
            }
            if descriptor < 0 {
                descriptor = Self.openForAppending(path)
                guard descriptor >= 0 else {
                    failedWrites += 1
                    return
                }
                size = Self.fileSize(descriptor)
            }
            let complete = line.withUnsafeBytes { writeFully(descriptor, $0) }
            if complete {
                size += line.count
            } else {
                failedWrites += 1
                size = Self.fileSize(descriptor)  // a partial write may have added some bytes
            }
        }
    }

    /// Lines dropped because they could not be written (a full disk, a file that cannot be
    /// reopened after rotation, …).
    public var failedWriteCount: Int {
        lock.withLock { failedWrites }
    }

    /// Rotations that could not rename or delete a file; the file written to was then kept
    /// and appended to.
    public var failedRotationCount: Int {
        lock.withLock { failedRotations }
    }

    /// Rotations done since the sink was created.
    public var rotationCount: Int {
        lock.withLock { rotations }
    }

    /// Shifts every file one age older, the oldest onto (and so over) the one past the limit,
    /// and leaves the file closed for `write` to open anew. Called with the lock held.
    private func rotate() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        rotations += 1
        if maxFiles == 1 {
            if unlink(path) != 0 && errno != ENOENT { failedRotations += 1 }
            return
        }
        // From the oldest down, so that no rename overwrites a file still to be moved; the
        // rename onto `path.<maxFiles - 1>` replaces, and so deletes, the oldest file.
        for age in stride(from: maxFiles - 1, through: 1, by: -1) {
            if rename(self.path(age: age - 1), self.path(age: age)) != 0 && errno != ENOENT {
                failedRotations += 1
            }
        }
    }

    private static func openForAppending(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }

    private static func fileSize(_ descriptor: Int32) -> Int {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
    }
}
