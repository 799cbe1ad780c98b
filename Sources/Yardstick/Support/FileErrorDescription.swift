import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's reason for a failed file operation, in its own words ("no such file
/// or directory", "not a directory"), digging out the POSIX error that Foundation wraps.
func describeFileError(_ error: any Error) -> String {
    var nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error {
        nsError = underlying as NSError
    }
    if nsError.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(nsError.code))).lowercased()
    }
    return nsError.localizedDescription
}
