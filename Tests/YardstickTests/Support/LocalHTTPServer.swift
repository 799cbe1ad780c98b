import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests of watched endpoints: each path answers
/// from a handler the test sets and can change, and may answer late, so a test can slow or
/// break a service on purpose. Every connection gets one response and is closed.
final class LocalHTTPServer: Sendable {
    /// How a path answers one request.
    struct Reply: Sendable {
        var status: Int
        var body: String
        /// Held back this long before answering.
        var delay: Duration = .zero
    }

    /// A path's answer to its Nth request, counted from 1.
    typealias Handler = @Sendable (_ requestNumber: Int) -> Reply

    let port: UInt16
    private let listener: Int32
    private let routes = Mutex<[String: (handler: Handler, requests: Int)]>([:])

    /// Starts listening on an ephemeral port.
    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound, listen(socket, 16) == 0 else {
            close(socket)
            throw TestFailure("bind or listen: errno \(errno)")
        }
        listener = socket
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:PORT/path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Makes `path` answer with `handler`.
    func route(_ path: String, _ handler: @escaping Handler) {
        routes.withLock { $0[path] = (handler, 0) }
    }

    /// Requests `path` has received.
    func requests(to path: String) -> Int { routes.withLock { $0[path]?.requests ?? 0 } }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A port on 127.0.0.1 that nothing listens on: bound, read, and released.
    static func closedPort() throws -> UInt16 {
        let server = try LocalHTTPServer()
        server.stop()
        return server.port
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            request += buffer[..<count]
        }
        let line = String(decoding: request.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self).split(separator: " ")
        let path = line.count > 1 ? String(line[1]) : "/"
        let handler = routes.withLock { routes -> (Handler, Int)? in
            guard let route = routes[path] else { return nil }
            routes[path]?.requests += 1
            return (route.handler, route.requests + 1)
        }
        let reply = handler.map { $0.0($0.1) } ?? Reply(status: 404, body: "no route \(path)")
        if reply.delay > .zero { Thread.sleep(forTimeInterval: Double(reply.delay.components.seconds) + Double(reply.delay.components.attoseconds) / 1e18) }
        let body = Array(reply.body.utf8)
        let head = "HTTP/1.1 \(reply.status) Status\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let response = Array(head.utf8) + body
        var sent = 0
        while sent < response.count {
            let count = response[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }
}

private extension [UInt8] {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 {
            return true
        }
        return false
    }
}
