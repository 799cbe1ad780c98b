#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `bytes` to `descriptor`, retrying after a signal and after partial writes.
///
/// - Returns: `false` on any other error, including a descriptor that would block and a write
///   that makes no progress; how much of `bytes` was written is then unknown.
func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard var next = bytes.baseAddress else { return true }
    var remaining = bytes.count
    while remaining > 0 {
        #if canImport(Glibc)
        let written = Glibc.write(descriptor, next, remaining)
        #else
        let written = Darwin.write(descriptor, next, remaining)
        #endif
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return false }
        next += written
        remaining -= written
    }
    return true
}
