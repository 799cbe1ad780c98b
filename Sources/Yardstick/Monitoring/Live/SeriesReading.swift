/// What one scrape says about one monitored series.
public enum SeriesReading: Sendable, Hashable {
    /// A value to record.
    case value(Double)
    /// The series could not be read: recorded as a failed sample, with the reason.
    case failed(String)
    /// Nothing to record, and nothing wrong: the first scrape of a rate, a counter reset,
    /// a histogram with no new observations. The reason is for tests and debugging.
    case noValue(String)
}
