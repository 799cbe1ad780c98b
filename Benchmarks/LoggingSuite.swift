import ServerComponents
import Yardstick

/// Measures structured JSON logging to memory, so that the figures are the logger's own cost,
/// with no I/O:
/// - `single`: one `info` line with three metadata entries (building the metadata dictionary
///   included, as a caller pays for it), to an ``InMemoryLogSink``.
/// - `volume`: the same line 1,000 times a call; its throughput reads in lines per second.
/// - `reference.write`: the floor: an already-encoded line of the same shape appended to the
///   same kind of sink. `single` over it is what encoding costs above storing the bytes.
/// - `filtered`: a `debug` entry under an `info` threshold: what a disabled log call costs
///   (its message and metadata are never built).
///
/// The path and status vary with the call's index, so no call's line can be computed once and
/// reused. The timestamps come from the system's calendar clock, as in a server.
public let loggingSuite = Suite("logging", configuration: .init(tags: ["logging"])) {
    // Batched, pinned: a line takes 0.7-1.4 µs here, across the 1 µs above which calls are timed
    // one by one, so left automatic the mode would differ between processes.
    // The encoder and the in-memory sink reuse their buffers, so a line allocates nothing of
    // its own: the one allocation per call is the metadata dictionary the call site builds.
    Benchmark(
        "single",
        configuration: .init(iterations: 10_000, timing: .batched(size: nil), budgets: [.allocations(perCall: 1)]),
        setUp: LoggingWorkload.makeLogger
    ) { logger, index in
        LoggingWorkload.logRequest(logger, index)
    }

    Benchmark(
        "volume",
        configuration: .init(iterations: 20, throughput: .operations(LoggingWorkload.batchSize)),
        setUp: LoggingWorkload.makeLogger
    ) { logger, index in
        let first = index &* LoggingWorkload.batchSize
        for line in first..<first + LoggingWorkload.batchSize {
            LoggingWorkload.logRequest(logger, line)
        }
    }

    Benchmark("reference.write", configuration: .init(iterations: 10_000, budgets: [.allocations(perCall: 0)], isControl: true), setUp: LoggingWorkload.makeEncodedLine) { fixture, _ in
        fixture.sink.write(fixture.line)
    }

    // A filtered line never builds its message or metadata: no allocation.
    Benchmark("filtered", configuration: .init(iterations: 10_000, budgets: [.allocations(perCall: 0)]), setUp: LoggingWorkload.makeLogger) { logger, index in
        logger.debug("cache probe \(index)", metadata: ["key": .integer(index)])
    }
}

enum LoggingWorkload {
    /// Lines per call of `volume`.
    static let batchSize = 1_000

    /// Lines the in-memory sink keeps: enough that the ring's slots are reused, as in a long
    /// run, and few enough to stay in cache.
    static let sinkCapacity = 1_024

    /// The request paths the lines cycle through.
    static let paths = ["/", "/users", "/users/42", "/orders", "/orders/7/items", "/health", "/login", "/search"]

    /// A logger at `info` to an in-memory sink, labelled like a server's HTTP logger, with the
    /// sink's ring filled once: every slot has then grown to the line it will hold, as in a
    /// long-running server, so a short run (`--iterations 200`) measures the same steady state
    /// as a long one, allocations included.
    @Sendable static func makeLogger() -> Logger {
        let logger = Logger(label: "http", sink: InMemoryLogSink(capacity: sinkCapacity))
        for index in 0..<sinkCapacity { logRequest(logger, index) }
        return logger
    }

    /// The `info` line of a served request: message and three metadata entries.
    @inline(__always)
    static func logRequest(_ logger: Logger, _ index: Int) {
        logger.info("request handled", metadata: [
            "method": "GET",
            "path": .string(paths[index & 7]),
            "status": .integer(200 &+ (index & 3)),
        ])
    }

    struct EncodedLine: Sendable {
        var sink: InMemoryLogSink
        var line: ArraySlice<UInt8>
    }

    /// One line as `single` writes it, encoded in advance, and a sink of the same kind.
    @Sendable static func makeEncodedLine() -> EncodedLine {
        let capture = InMemoryLogSink(capacity: 1)
        logRequest(Logger(label: "http", sink: capture), 1)
        let line = ArraySlice((capture.lines[0] + "\n").utf8)
        let sink = InMemoryLogSink(capacity: sinkCapacity)
        for _ in 0..<sinkCapacity { sink.write(line) }  // every slot grown, as in `makeLogger`
        return EncodedLine(sink: sink, line: line)
    }
}
