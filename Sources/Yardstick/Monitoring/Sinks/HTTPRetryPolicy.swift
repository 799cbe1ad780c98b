import Foundation

/// How an HTTP delivery that failed is tried again: after a transport error (no response, or
/// a timeout), an HTTP 5xx or an HTTP 429, up to ``maxRetries`` more times, waiting
/// ``initialDelay`` before the first retry and twice as long before each next one, at most
/// ``maximumDelay``. Any other status below 200 or from 300 up is final: a 400 or 404 will
/// not change by asking again.
///
/// A response that says when to come back (`Retry-After`, in seconds or as an HTTP date, as a
/// 429 or 503 may) is taken at its word instead of the backoff, but never waits longer than
/// ``maximumDelay``: a server asking for an hour gets retried after the cap, and a run or a
/// monitor stopping is never held up by it.
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

    /// The wait before retry number `retry` after a response whose `Retry-After` header was
    /// `retryAfter`: what the server asked for, at most ``maximumDelay``, or the backoff of
    /// ``delay(beforeRetry:)`` when there was no such header or it cannot be read.
    ///
    /// - Parameter now: The current time, against which an HTTP date is measured.
    public func delay(beforeRetry retry: Int, retryAfter: String?, now: Date) -> Duration {
        guard let retryAfter, let asked = Self.wait(retryAfter: retryAfter, now: now) else {
            return delay(beforeRetry: retry)
        }
        return min(asked, maximumDelay)
    }

    /// The wait a `Retry-After` value asks for: a whole number of seconds, or an HTTP date
    /// (RFC 9110: the IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, or the obsolete RFC 850 and
    /// asctime forms) less `now`, zero when it has passed. `nil` when it is neither.
    static func wait(retryAfter value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isWholeNumber }) {
            // More digits than a day in seconds needs are as good as forever: the cap decides.
            guard let seconds = Int64(text.prefix(12)) else { return nil }
            return .seconds(seconds)
        }
        for pattern in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")) {
                let seconds = max(date.timeIntervalSince(now), 0)
                return .milliseconds(Int64((seconds * 1_000).rounded(.up)))
            }
        }
        return nil
    }

    /// Whether a response with `statusCode` is worth another attempt: a server error, or a
    /// server asking to slow down.
    public func retries(statusCode: Int) -> Bool {
        statusCode == 429 || (500..<600).contains(statusCode)
    }
}
