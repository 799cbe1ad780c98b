import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `URLSession` that watched endpoints are read through: no cache and no cookies, so
/// every sample reaches the service, and connections kept alive between samples, as a
/// service's real clients keep them.
public enum LiveTargetSession {
    /// The shared session.
    public static let shared: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpCookieStorage = nil
        return URLSession(configuration: configuration)
    }()
}
