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

    /// Sends `request` once, as ``send(_:)``, and returns the response's headers too. The
    /// default calls ``send(_:)`` and reports no headers; a transport that can read them
    /// implements this, so that a `Retry-After` is honoured.
    func exchange(_ request: URLRequest) async throws -> HTTPResponse
}

extension HTTPTransport {
    public func exchange(_ request: URLRequest) async throws -> HTTPResponse {
        let (statusCode, body) = try await send(request)
        return HTTPResponse(statusCode: statusCode, body: body)
    }
}

/// One HTTP response, as a transport received it.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code.
    public var statusCode: Int
    /// The body.
    public var body: Data
    /// The headers, with their names lowercased (HTTP header names are case-insensitive).
    public var headers: [String: String]

    /// A response; header names may come in any case.
    public init(statusCode: Int, body: Data = Data(), headers: [String: String] = [:]) {
        self.statusCode = statusCode
        self.body = body
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    /// The value of the header named `name`, in any case.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
