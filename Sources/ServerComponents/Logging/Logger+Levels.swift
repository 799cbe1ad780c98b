// One method per level, each ``Logger/log(level:_:metadata:)`` at that level.

extension Logger {
    /// Writes a `trace` entry: step-by-step detail.
    @inlinable
    public func trace(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .trace, message(), metadata: metadata())
    }

    /// Writes a `debug` entry: detail for diagnosing a problem.
    @inlinable
    public func debug(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .debug, message(), metadata: metadata())
    }

    /// Writes an `info` entry: normal operation worth recording.
    @inlinable
    public func info(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .info, message(), metadata: metadata())
    }

    /// Writes a `notice` entry: normal but significant.
    @inlinable
    public func notice(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .notice, message(), metadata: metadata())
    }

    /// Writes a `warning` entry: something unexpected that was handled.
    @inlinable
    public func warning(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .warning, message(), metadata: metadata())
    }

    /// Writes an `error` entry: an operation failed.
    @inlinable
    public func error(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .error, message(), metadata: metadata())
    }

    /// Writes a `critical` entry: the program, or part of it, can no longer work.
    @inlinable
    public func critical(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: JSONValue] = [:]) {
        log(level: .critical, message(), metadata: metadata())
    }
}
