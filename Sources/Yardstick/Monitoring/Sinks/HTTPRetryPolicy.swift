/// How an HTTP delivery that failed is tried again: after a transport error (no response, or
/// a timeout), an HTTP 5xx or an HTTP 429, up to ``maxRetries`` more times, waiting
/// ``initialDelay`` before the first retry and twice as long before each next one, at most
/// ``maximumDelay``. Any other status below 200 or from 300 up is final: a 400 or 404 will
/// not change by asking again.
///
/// The defaults try four times in all, waiting 0.5 s, 1 s and 2 s in between.
public struct HTTPRetryPolicy: Sendable, Hashable {
    /// Attempts after the first.
    public var maxRetries: Int
    /// The wait before the first retry.
    public var initialDelay: Duration
    /// The longest wait between attempts.
    public var maximumDelay: Duration

    /// Creates a policy.
    public init(maxRetries: Int = 3, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(10)) {
        precondition(maxRetries >= 0, "retries cannot be negative")
        precondition(initialDelay >= .zero && maximumDelay >= initialDelay, "the delays must be ordered and not negative")
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// No retries: one attempt only.
    public static let never = HTTPRetryPolicy(maxRetries: 0)

    /// The wait before retry number `retry`, counting from 1.
    public func delay(beforeRetry retry: Int) -> Duration {
        var delay = initialDelay
        // Doubling step by step, capped each time, cannot overflow however many retries.
        for _ in 1..<max(retry, 1) {
            delay = min(delay * 2, maximumDelay)
        }
        return min(delay, maximumDelay)
    }

    /// Whether a response with `statusCode` is worth another attempt: a server error, or a
    /// server asking to slow down.
    public func retries(statusCode: Int) -> Bool {
        statusCode == 429 || (500..<600).contains(statusCode)
    }
}
