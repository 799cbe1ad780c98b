/// Keeps the most recent lines in memory, for tests, a debugging endpoint, or to measure the
/// cost of logging without I/O.
///
/// A ring of `capacity` slots: once it is full each line replaces the oldest. Every slot keeps
/// its byte buffer at the size of the longest line it has held, so once the slots have grown a
/// write is a `memcpy` under a lock and allocates nothing. Thread-safe: a lock guards the ring.
public final class InMemoryLogSink: LogSink, @unchecked Sendable {
    /// How many lines the sink keeps.
    public let capacity: Int

    private let lock = Lock()
    // The lock guards these, so the runtime's exclusivity checks on them, several per write,
    // are switched off.
    /// The ring of buffers; slot `i` holds its line, without the newline, in its first
    /// `lengths[i]` bytes.
    @exclusivity(unchecked)
    private var slots: [[UInt8]]
    /// The length of the line in each slot.
    @exclusivity(unchecked)
    private var lengths: [Int]
    /// The slot the next line goes to.
    @exclusivity(unchecked)
    private var nextSlot = 0
    /// Lines written since creation or the last ``removeAll()``.
    @exclusivity(unchecked)
    private var written = 0

    /// A sink that keeps the newest `capacity` lines (at least one).
    public init(capacity: Int = 1_000) {
        self.capacity = max(capacity, 1)
        slots = Array(repeating: [], count: self.capacity)
        lengths = Array(repeating: 0, count: self.capacity)
    }

    /// Stores `line`, dropping its newline, in place of the oldest line if the sink is full.
    ///
    /// - Complexity: O(n) for a line of n bytes: a copy under the lock.
    public func write(_ line: ArraySlice<UInt8>) {
        let end = line.last == UInt8(ascii: "\n") ? line.endIndex - 1 : line.endIndex
        let text = line[line.startIndex..<end]
        lock.withLock {
            if slots[nextSlot].count < text.count {
                slots[nextSlot] = Array(text)
            } else {
                // A copy into the slot's existing bytes, rather than `removeAll` and `append`,
                // each with its own uniqueness and capacity checks.
                slots[nextSlot].withUnsafeMutableBufferPointer { slot in
                    text.withUnsafeBufferPointer { bytes in
                        guard let source = bytes.baseAddress, let destination = slot.baseAddress else { return }
                        destination.update(from: source, count: bytes.count)
                    }
                }
            }
            lengths[nextSlot] = text.count
            nextSlot = nextSlot + 1 == capacity ? 0 : nextSlot + 1
            written += 1
        }
    }

    /// The lines kept, oldest first, without their newlines.
    ///
    /// - Complexity: O(total bytes): decodes every line kept.
    public var lines: [String] {
        lock.withLock {
            let kept = min(written, capacity)
            let first = written < capacity ? 0 : nextSlot
            return (0..<kept).map { offset in
                let slot = (first + offset) % capacity
                return String(decoding: slots[slot][..<lengths[slot]], as: UTF8.self)
            }
        }
    }

    /// Lines written since creation or the last ``removeAll()``, including those since
    /// replaced by newer ones.
    public var writtenCount: Int {
        lock.withLock { written }
    }

    /// Forgets every line and resets ``writtenCount``, keeping the slots' buffers.
    public func removeAll() {
        lock.withLock {
            for index in lengths.indices { lengths[index] = 0 }
            nextSlot = 0
            written = 0
        }
    }
}
