/// Where a logger's encoded lines go: memory, a stream, a file.
///
/// A logger calls ``write(_:)`` once per kept entry, from whichever thread logs, so a sink must
/// be safe to call concurrently and should keep each line whole.
///
/// The line is a slice of a buffer that the logger reuses, one per thread: a sink that copies
/// the bytes into its own storage (or writes them out) keeps logging free of allocation, where
/// one that keeps the slice makes the logger copy its buffer for the next line.
public protocol LogSink: Sendable {
    /// Takes one line: a JSON object in UTF-8 followed by a newline (`0x0A`), the only newline
    /// in it. The slice's indices need not start at zero.
    func write(_ line: ArraySlice<UInt8>)
}
