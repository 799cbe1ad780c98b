import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An ``HTTPTransport`` over `URLSession`.
///
/// `URLSession` reads a request's `timeoutInterval` as the longest wait *between* bytes, so a
/// server trickling its response could hold an attempt forever; this transport also ends the
/// whole attempt once that interval has passed, with `URLError(.timedOut)`.
public struct URLSessionTransport: HTTPTransport {
    /// The session requests go through.
    public let session: URLSession

    /// A transport over `session`.
    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func send(_ request: URLRequest) async throws -> (statusCode: Int, body: Data) {
        let response = try await exchange(request)
        return (response.statusCode, response.body)
    }

    public func exchange(_ request: URLRequest) async throws -> HTTPResponse {
        let timeout = request.timeoutInterval
        let session = session
        return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            group.addTask {
                let (body, response) = try await session.data(for: request)
                guard let response = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
                var headers: [String: String] = [:]
                for case let (name as String, value as String) in response.allHeaderFields {
                    headers[name] = value
                }
                return HTTPResponse(statusCode: response.statusCode, body: body, headers: headers)
            }
            if timeout > 0, timeout.isFinite {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int64((timeout * 1_000).rounded(.up))))
                    throw URLError(.timedOut)
                }
            }
            // Whichever finishes first decides; the other is cancelled, and URLSession's async
            // API cancels its data task when its task is cancelled.
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw URLError(.unknown) }
            return first
        }
    }
}
