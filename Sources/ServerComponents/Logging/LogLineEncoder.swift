#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes log entries as JSON lines into a byte buffer that it reuses from line to line.
///
/// Each thread gets its own encoder (see ``withCurrent(_:)``), so that threads logging at once
/// neither share a buffer nor wait for a lock to encode, and a line allocates nothing once the
/// buffer has grown to the longest line. The layout of a line is fixed:
///
/// ```
/// {"timestamp":"…","level":"…","label":"…","message":"…","correlationId":"…","metadata":{…}}
/// ```
///
/// with `correlationId` and `metadata` only when present, and metadata keys sorted at every
/// depth (in `String` order, which for ASCII keys is byte order), so that equal entries give
/// equal lines.
final class LogLineEncoder {
    /// The size a buffer starts at, and returns to after a longer line than ``largestKept``.
    static let initialCapacity = 1_024
    /// The largest buffer kept after a line: a thread that logs one huge line does not hold
    /// its memory for good.
    static let largestKept = 64 * 1_024

    /// The line's bytes, then unused capacity: the buffer is kept at its full size, zeros
    /// included, so that ``JSONLineWriter`` can write anywhere in it.
    // The encoder never leaves its thread and is never re-entered (see `isBusy`), so the
    // runtime's exclusivity checks on these properties are switched off.
    @exclusivity(unchecked)
    private var storage = [UInt8](repeating: 0, count: initialCapacity)
    /// Bytes of the last line in `storage`.
    private var count = 0
    @exclusivity(unchecked)
    private var timestamps = ISO8601TimestampFormatter()
    /// Set while a line is being encoded and handed to the sink, so that a sink or metadata
    /// that logs again on the same thread gets a fresh encoder instead of this one's buffer.
    private var isBusy = false

    /// The last line encoded, newline included; valid until the next ``encode``.
    var line: ArraySlice<UInt8> { storage[..<count] }

    /// Encodes one entry of `logger`'s, replacing the previous line.
    ///
    /// - Complexity: O(n + m log m) for n bytes of output and m metadata entries; a line longer
    ///   than any before on this thread is encoded twice, the second time into a buffer grown
    ///   to fit.
    func encode(
        epochNanoseconds: Int64,
        level: LogLevel,
        message: String,
        metadata: [String: JSONValue],
        logger: Logger.Storage
    ) {
        if storage.count > Self.largestKept {
            storage = [UInt8](repeating: 0, count: Self.initialCapacity)
        }
        while true {
            let needed = storage.withUnsafeMutableBufferPointer { buffer in
                var writer = JSONLineWriter(buffer)
                writer.write("{\"timestamp\":\"")
                timestamps.write(epochNanoseconds: epochNanoseconds, to: &writer)
                writer.write("\",\"level\":")
                writer.write(level.jsonString)
                writer.write(",\"label\":")
                writer.write(logger.labelJSON)
                writer.write(",\"message\":")
                writer.writeJSONString(message)
                if let correlationID = logger.correlationIDJSON {
                    writer.write(",\"correlationId\":")
                    writer.write(correlationID)
                }
                if !metadata.isEmpty || !logger.metadata.isEmpty {
                    writer.write(",\"metadata\":")
                    Self.writeMerged(metadata, over: logger.metadata, redaction: logger.redaction, to: &writer)
                }
                writer.write("}\n")
                return writer.count
            }
            if needed <= storage.count {
                count = needed
                return
            }
            storage = [UInt8](repeating: 0, count: max(needed, 2 * storage.count))
        }
    }

    /// Writes `entries` and `base` as one object with sorted keys, the value from `entries`
    /// winning on a shared key: a merge of the two sorted key lists, so no merged dictionary
    /// is built.
    private static func writeMerged(
        _ entries: [String: JSONValue],
        over base: [String: JSONValue],
        redaction: LogRedactionPolicy,
        to writer: inout JSONLineWriter
    ) {
        if base.isEmpty { return writeObject(entries, redaction: redaction, to: &writer) }
        if entries.isEmpty { return writeObject(base, redaction: redaction, to: &writer) }
        writer.write(UInt8(ascii: "{"))
        withSortedIndices(of: entries) { entryOrder in
            withSortedIndices(of: base) { baseOrder in
                var (nextEntry, nextBase) = (0, 0)
                while nextEntry < entryOrder.count || nextBase < baseOrder.count {
                    if nextEntry > 0 || nextBase > 0 { writer.write(UInt8(ascii: ",")) }
                    guard nextEntry < entryOrder.count else {
                        writeMember(base[baseOrder[nextBase]], redaction: redaction, to: &writer)
                        nextBase += 1
                        continue
                    }
                    let entry = entries[entryOrder[nextEntry]]
                    if nextBase < baseOrder.count {
                        let baseKey = base.keys[baseOrder[nextBase]]
                        if baseKey < entry.key {
                            writeMember(base[baseOrder[nextBase]], redaction: redaction, to: &writer)
                            nextBase += 1
                            continue
                        }
                        if baseKey == entry.key { nextBase += 1 }
                    }
                    writeMember(entry, redaction: redaction, to: &writer)
                    nextEntry += 1
                }
            }
        }
        writer.write(UInt8(ascii: "}"))
    }

    /// Writes `dictionary` as a JSON object with its keys sorted.
    private static func writeObject(_ dictionary: [String: JSONValue], redaction: LogRedactionPolicy, to writer: inout JSONLineWriter) {
        writer.write(UInt8(ascii: "{"))
        withSortedIndices(of: dictionary) { order in
            for position in order.indices {
                if position > 0 { writer.write(UInt8(ascii: ",")) }
                writeMember(dictionary[order[position]], redaction: redaction, to: &writer)
            }
        }
        writer.write(UInt8(ascii: "}"))
    }

    /// Calls `body` with `dictionary`'s indices in the order of their keys. The indices live
    /// in a temporary allocation, on the stack for all but large dictionaries, and sorting
    /// moves only them: no allocation, and no entry copied.
    private static func withSortedIndices(
        of dictionary: [String: JSONValue],
        _ body: (UnsafeMutableBufferPointer<Dictionary<String, JSONValue>.Index>) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: Dictionary<String, JSONValue>.Index.self, capacity: dictionary.count) { buffer in
            var order = buffer
            var index = dictionary.startIndex
            for position in 0..<dictionary.count {
                order.initializeElement(at: position, to: index)
                dictionary.formIndex(after: &index)
            }
            defer { order.deinitialize() }
            let keys = dictionary.keys
            if order.count <= 16 {
                // Insertion sort: for the few keys of most metadata, fewer comparisons and no
                // set-up, where the standard sort pays for generality.
                for unsorted in 1..<max(order.count, 1) {
                    var position = unsorted
                    let moving = order[unsorted]
                    while position > 0 && keys[moving] < keys[order[position - 1]] {
                        order[position] = order[position - 1]
                        position -= 1
                    }
                    order[position] = moving
                }
            } else {
                order.sort { keys[$0] < keys[$1] }
            }
            body(order)
        }
    }

    private static func writeMember(_ member: (key: String, value: JSONValue), redaction: LogRedactionPolicy, to writer: inout JSONLineWriter) {
        writer.writeJSONString(member.key)
        writer.write(UInt8(ascii: ":"))
        if redaction.isSecret(member.key) {
            writer.write("\"[REDACTED]\"")
        } else {
            writeValue(member.value, redaction: redaction, to: &writer)
        }
    }

    private static func writeValue(_ value: JSONValue, redaction: LogRedactionPolicy, to writer: inout JSONLineWriter) {
        switch value {
        case .null:
            writer.write("null")
        case .string(let string):
            writer.writeJSONString(string)
        case .integer(let integer):
            writer.writeJSONInteger(Int64(integer))
        case .number(let double):
            writer.writeJSONDouble(double)
        case .boolean(let bool):
            writer.writeJSONBool(bool)
        case .array(let elements):
            writer.write(UInt8(ascii: "["))
            for position in elements.indices {
                if position > 0 { writer.write(UInt8(ascii: ",")) }
                writeValue(elements[position], redaction: redaction, to: &writer)
            }
            writer.write(UInt8(ascii: "]"))
        case .object(let dictionary):
            writeObject(dictionary, redaction: redaction, to: &writer)
        }
    }

    /// `string` as a JSON string, quotes included, for the parts of a line that a logger
    /// encodes once: its label and correlation id.
    static func jsonString(_ string: String) -> [UInt8] {
        // Escaping at most sextuples a byte (`\u00XX`), plus the quotes.
        var bytes = [UInt8](repeating: 0, count: 6 * string.utf8.count + 2)
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            var writer = JSONLineWriter(buffer)
            writer.writeJSONString(string)
            return writer.count
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Runs `body` with this thread's encoder, or with a new one if this thread's is already
    /// in use further up the stack (a sink or a metadata value that logs).
    ///
    /// - Complexity: O(1): a `pthread_getspecific`, plus an allocation on a thread's first line.
    static func withCurrent<Result>(_ body: (LogLineEncoder) -> Result) -> Result {
        let encoder = current
        if encoder.isBusy { return body(LogLineEncoder()) }
        encoder.isBusy = true
        defer { encoder.isBusy = false }
        return body(encoder)
    }

    private static var current: LogLineEncoder {
        if let pointer = pthread_getspecific(encoderKey) {
            return Unmanaged<LogLineEncoder>.fromOpaque(pointer).takeUnretainedValue()
        }
        let encoder = LogLineEncoder()
        // The thread-specific slot holds the reference; the key's destructor releases it
        // when the thread exits.
        pthread_setspecific(encoderKey, Unmanaged.passRetained(encoder).toOpaque())
        return encoder
    }
}

/// The thread-specific slot of each thread's ``LogLineEncoder``.
private let encoderKey: pthread_key_t = {
    var key = pthread_key_t()
    #if canImport(Glibc)
    let result = pthread_key_create(&key) { pointer in
        guard let pointer else { return }
        Unmanaged<LogLineEncoder>.fromOpaque(pointer).release()
    }
    #else
    let result = pthread_key_create(&key) { pointer in
        Unmanaged<LogLineEncoder>.fromOpaque(pointer).release()
    }
    #endif
    // Fails only when the process has used up its keys (1,024 on Linux): nothing to recover.
    precondition(result == 0, "pthread_key_create failed: \(result)")
    return key
}()

extension LogLevel {
    /// The level as a JSON string, quotes included.
    var jsonString: StaticString {
        switch self {
        case .trace: "\"trace\""
        case .debug: "\"debug\""
        case .info: "\"info\""
        case .notice: "\"notice\""
        case .warning: "\"warning\""
        case .error: "\"error\""
        case .critical: "\"critical\""
        }
    }
}
