/// Writes structured log entries as JSON lines to a sink.
///
/// ```swift
/// let logger = Logger(label: "api", sink: StreamLogSink.standardError)
/// let requestLogger = logger.with(correlationID: requestID).with(metadata: ["route": "/users"])
/// requestLogger.info("request handled", metadata: ["status": 200, "ms": 4.2])
/// // {"timestamp":"2026-11-23T18:20:05.123Z","level":"info","label":"api","message":"request handled",
/// //  "correlationId":"…","metadata":{"ms":4.2,"route":"/users","status":200}}
/// ```
///
/// An entry below ``logLevel`` costs a comparison: the message and metadata are autoclosures,
/// evaluated only for entries that are written. An entry at or above it then goes through the
/// ``sampler``, and if kept is encoded (see ``LogRedactionPolicy`` for secret values) and
/// handed to the ``sink`` as one line.
///
/// A value type: ``with(metadata:)`` and ``with(correlationID:)`` return changed copies,
/// which share the sink, clock and sampler. Safe to use from any thread; each thread encodes
/// into its own reused buffer, so concurrent loggers wait only on their sink.
///
/// Timing, single-threaded to an ``InMemoryLogSink`` (release build, 2-core Linux VM; the
/// `logging` benchmark suite): about 0.75 µs for an `info` line with three metadata entries, a
/// third of it building the caller's metadata dictionary, and 4 ns for a filtered entry; in the
/// VM's slower state, which some processes run in, about twice that.
public struct Logger: Sendable {
    /// Everything but the methods, behind one reference, so that copying a logger (passing
    /// it, storing it, capturing it) costs one retain rather than one per field. Storage is
    /// immutable: a setter or `with` builds a new one, which is rare next to logging.
    @usableFromInline
    var storage: Storage

    /// What the logger logs for, such as a subsystem (`db`, `http`): the line's `label`.
    public var label: String { storage.label }

    /// The least severe level written; entries below it are ignored.
    public var logLevel: LogLevel {
        get { storage.logLevel }
        set { storage = storage.replacing(logLevel: newValue) }
    }

    /// Metadata added to every entry; an entry's own metadata wins on a shared key.
    public var metadata: [String: JSONValue] {
        get { storage.metadata }
        set { storage = storage.replacing(metadata: newValue) }
    }

    /// Identifies the request or job the entries belong to: the line's `correlationId`,
    /// omitted when `nil`.
    public var correlationID: String? {
        get { storage.correlationID }
        set { storage = storage.replacing(correlationID: newValue) }
    }

    /// Which metadata values are written as `[REDACTED]`.
    public var redaction: LogRedactionPolicy {
        get { storage.redaction }
        set { storage = storage.replacing(redaction: newValue) }
    }

    /// Where the lines go.
    public var sink: any LogSink { storage.sink }
    /// The source of the lines' timestamps.
    public var clock: any WallClock { storage.clock }
    /// Which fraction of the entries at each level is written; shared by every copy.
    public var sampler: LogSampler { storage.sampler }

    /// A logger writing entries at `logLevel` and above to `sink`.
    ///
    /// - Parameters:
    ///   - label: The line's `label`, such as the subsystem logging.
    ///   - logLevel: The least severe level written.
    ///   - metadata: Metadata added to every entry.
    ///   - correlationID: The line's `correlationId`, if any.
    ///   - sink: Where the lines go.
    ///   - clock: The timestamps' source; tests pass a fixed clock.
    ///   - redaction: Which metadata keys hold secrets.
    ///   - sampler: Which fraction of each level to keep; by default, everything.
    public init(
        label: String,
        logLevel: LogLevel = .info,
        metadata: [String: JSONValue] = [:],
        correlationID: String? = nil,
        sink: any LogSink,
        clock: any WallClock = SystemWallClock(),
        redaction: LogRedactionPolicy = .default,
        sampler: LogSampler = .keepingAll
    ) {
        storage = Storage(
            label: label, labelJSON: LogLineEncoder.jsonString(label), logLevel: logLevel, metadata: metadata,
            correlationID: correlationID, correlationIDJSON: correlationID.map(LogLineEncoder.jsonString),
            sink: sink, clock: clock, redaction: redaction, sampler: sampler
        )
    }

    /// This logger with `metadata` added to its own; the new values win on a shared key.
    public func with(metadata additional: [String: JSONValue]) -> Logger {
        var copy = self
        copy.metadata = metadata.merging(additional) { _, new in new }
        return copy
    }

    /// This logger with its correlation id set to `correlationID` (`nil` removes it).
    public func with(correlationID: String?) -> Logger {
        var copy = self
        copy.correlationID = correlationID
        return copy
    }

    /// Writes an entry at `level`, unless the level is filtered out or the entry sampled out.
    ///
    /// - Parameters:
    ///   - message: The line's `message`; evaluated only if the entry is written.
    ///   - metadata: The entry's metadata, merged over the logger's; evaluated only if the
    ///     entry is written.
    @inlinable
    public func log(
        level: LogLevel,
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: JSONValue] = [:]
    ) {
        guard level >= storage.logLevel, storage.sampler.shouldKeep(level) else { return }
        storage.write(level: level, message: message(), metadata: metadata())
    }
}

extension Logger {
    /// A logger's fields, immutable and shared between copies.
    @usableFromInline
    final class Storage: Sendable {
        let label: String
        /// ``label`` as a JSON string, encoded once rather than on every line.
        let labelJSON: [UInt8]
        @usableFromInline
        let logLevel: LogLevel
        let metadata: [String: JSONValue]
        let correlationID: String?
        /// ``correlationID`` as a JSON string, encoded once rather than on every line.
        let correlationIDJSON: [UInt8]?
        let sink: any LogSink
        let clock: any WallClock
        let redaction: LogRedactionPolicy
        @usableFromInline
        let sampler: LogSampler

        init(
            label: String, labelJSON: [UInt8], logLevel: LogLevel, metadata: [String: JSONValue],
            correlationID: String?, correlationIDJSON: [UInt8]?,
            sink: any LogSink, clock: any WallClock, redaction: LogRedactionPolicy, sampler: LogSampler
        ) {
            self.label = label
            self.labelJSON = labelJSON
            self.logLevel = logLevel
            self.metadata = metadata
            self.correlationID = correlationID
            self.correlationIDJSON = correlationIDJSON
            self.sink = sink
            self.clock = clock
            self.redaction = redaction
            self.sampler = sampler
        }

        func replacing(
            logLevel: LogLevel? = nil,
            metadata: [String: JSONValue]? = nil,
            correlationID: String?? = nil,
            redaction: LogRedactionPolicy? = nil
        ) -> Storage {
            let newCorrelationID = correlationID ?? self.correlationID
            return Storage(
                label: label, labelJSON: labelJSON, logLevel: logLevel ?? self.logLevel,
                metadata: metadata ?? self.metadata,
                correlationID: newCorrelationID,
                correlationIDJSON: correlationID == nil ? correlationIDJSON : newCorrelationID.map(LogLineEncoder.jsonString),
                sink: sink, clock: clock, redaction: redaction ?? self.redaction, sampler: sampler
            )
        }

        /// Encodes an entry that passed the level and the sampler, and hands it to the sink;
        /// out of line, so that the inlined ``Logger/log(level:_:metadata:)`` stays a
        /// comparison and a call.
        @usableFromInline
        func write(level: LogLevel, message: String, metadata entryMetadata: [String: JSONValue]) {
            let now = clock.epochNanoseconds()
            LogLineEncoder.withCurrent { encoder in
                encoder.encode(epochNanoseconds: now, level: level, message: message, metadata: entryMetadata, logger: self)
                sink.write(encoder.line)
            }
        }
    }
}
