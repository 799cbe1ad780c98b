import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server on 127.0.0.1 at a port the kernel picks, for tests of what webhooks
/// post and of watched endpoints: it records every request (method, path, headers, body)
/// before it answers, one request per connection. A path given a ``route(_:_:)`` answers from
/// its handler, which may answer late, so a test can slow or break a service on purpose; any
/// other path answers with the next status of its script (200 once the script runs out).
///
/// Standard library and sockets only, so it needs no package. Not a general server: it reads
/// a request by its `Content-Length`, answers `Expect: 100-continue`, and closes each
/// connection after its response.
public final class LocalHTTPReceiver: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: Data

        /// The body as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw ReceiverError("the body of \(method) \(path) is not a JSON object: \(String(decoding: body, as: UTF8.self))")
            }
            return object
        }
    }

    /// How a routed path answers one request.
    public struct Reply: Sendable {
        public var status: Int
        public var body: String
        /// Held back this long before answering, on a thread of its own.
        public var delay: Duration

        public init(status: Int, body: String, delay: Duration = .zero) {
            self.status = status
            self.body = body
            self.delay = delay
        }
    }

    /// A routed path's answer to its Nth request, counted from 1.
    public typealias Handler = @Sendable (_ requestNumber: Int) -> Reply

    /// The port it listens on.
    public let port: UInt16
    private let listener: Int32
    private let state: Mutex<(requests: [Request], statuses: [Int])>
    private let routes = Mutex<[String: (handler: Handler, requests: Int)]>([:])
    private let stopped = Mutex(false)

    /// Starts listening; each request is answered with the next of `statuses`, then 200.
    public init(statuses: [Int] = []) throws {
        state = Mutex(([], statuses))
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ReceiverError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw ReceiverError("bind or listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptUntilStopped() }
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String = "/") -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Every request so far, in the order received.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Makes `path` answer with `handler`.
    public func route(_ path: String, _ handler: @escaping Handler) {
        routes.withLock { $0[path] = (handler, 0) }
    }

    /// Requests a routed `path` has received.
    public func requests(to path: String) -> Int { routes.withLock { $0[path]?.requests ?? 0 } }

    /// A port on 127.0.0.1 that nothing listens on: bound, read, and released.
    public static func closedPort() throws -> UInt16 {
        let receiver = try LocalHTTPReceiver()
        receiver.stop()
        return receiver.port
    }

    /// Stops accepting connections.
    public func stop() {
        let wasStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptUntilStopped() {
        while !stopped.withLock({ $0 }) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            if !serve(connection) { close(connection) }
        }
    }

    /// Answers the request on `connection`; `true` when a late reply took the connection over
    /// (and will close it), so that other requests are answered meanwhile.
    private func serve(_ connection: Int32) -> Bool {
        var received = Data()
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            guard let chunk = read(connection) else { return false }
            received.append(chunk)
            headerEnd = received.range(of: Data("\r\n\r\n".utf8))
        }
        guard let headerEnd else { return false }
        let head = String(decoding: received[..<headerEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head.first?.split(separator: " ").map(String.init) ?? []
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            write(connection, "HTTP/1.1 100 Continue\r\n\r\n")
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = received[headerEnd.upperBound...]
        while body.count < length {
            guard let chunk = read(connection) else { break }
            body.append(chunk)
        }
        let request = Request(
            method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "",
            headers: headers, body: Data(body.prefix(length))
        )
        let routed = routes.withLock { routes -> (Handler, Int)? in
            guard let route = routes[request.path] else { return nil }
            routes[request.path]?.requests += 1
            return (route.handler, route.requests + 1)
        }
        let status = state.withLock { state -> Int in
            state.requests.append(request)
            return routed != nil || state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
        guard let (handler, number) = routed else {
            write(connection, "HTTP/1.1 \(status) Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return false
        }
        let reply = handler(number)
        let response = "HTTP/1.1 \(reply.status) Status\r\nContent-Type: text/plain; version=0.0.4\r\n"
            + "Content-Length: \(reply.body.utf8.count)\r\nConnection: close\r\n\r\n\(reply.body)"
        guard reply.delay > .zero else {
            write(connection, response)
            return false
        }
        Thread { [self] in
            Thread.sleep(forTimeInterval: Double(reply.delay.components.seconds) + Double(reply.delay.components.attoseconds) / 1e18)
            write(connection, response)
            close(connection)
        }.start()
        return true
    }

    private func read(_ connection: Int32) -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(connection, &buffer, buffer.count, 0)
        return count > 0 ? Data(buffer[..<count]) : nil
    }

    private func write(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }
}

/// Why the receiver could not start or read a request.
public struct ReceiverError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
