import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and returns the response's status and body: the seam between the
/// sinks that speak HTTP and the network, so tests can script responses.
///
/// A transport makes one attempt; retrying is the caller's job (see ``HTTPRetryPolicy``). It
/// throws only when there is no response at all: a refused connection, a timeout, a reset.
public protocol HTTPTransport: Sendable {
    /// Sends `request` once, ending it after its `timeoutInterval`.
    func send(_ request: URLRequest) async throws -> (statusCode: Int, body: Data)
}
