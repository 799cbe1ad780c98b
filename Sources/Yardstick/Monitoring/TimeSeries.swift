import Foundation

/// How much history a monitor keeps per metric. Both limits hold at once, so memory is bounded
/// by ``maxPoints`` however long the monitor runs.
///
/// The default keeps 24 hours, the seed system's retention, and at most 10,000 points. A point
/// is 16 bytes (a time and a value, ``TimeSeries/Point``): a day at `bench monitor`'s default
/// 30-second interval is 2,880 points, 46 KB per metric, and the cap bounds a metric at 160 KB
/// (40 metrics: 6.4 MB at most). That is no reason to keep less. Sampling more often than every
/// 8.64 seconds reaches the cap before a day: raise `maxPoints` (`--max-points`) to keep 24 hours.
public struct MonitorRetention: Sendable, Hashable, Codable {
    /// Points older than this are dropped.
    public var maxAge: Duration
    /// At most this many points are kept; the oldest goes first.
    public var maxPoints: Int

    /// Creates a retention; `maxPoints` is at least 1.
    public init(maxAge: Duration = .seconds(86_400), maxPoints: Int = 10_000) {
        precondition(maxPoints >= 1, "a time series keeps at least one point")
        precondition(maxAge > .zero, "a time series keeps points for a positive time")
        self.maxAge = maxAge
        self.maxPoints = maxPoints
    }

    private enum CodingKeys: String, CodingKey { case maxAgeSeconds, maxPoints }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let seconds = try container.decode(Double.self, forKey: .maxAgeSeconds)
        let maxPoints = try container.decode(Int.self, forKey: .maxPoints)
        // Checked here rather than left to the initializer's preconditions: a bad file must
        // not stop the process. Rounded to the nanosecond: 1.005 s times 1000 is 1004.99….
        guard seconds.isFinite, seconds > 0, seconds < 1e9 else {
            throw DecodingError.dataCorruptedError(forKey: .maxAgeSeconds, in: container,
                                                   debugDescription: "a retention's age must be a positive number of seconds, got \(seconds)")
        }
        guard maxPoints >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .maxPoints, in: container,
                                                   debugDescription: "a retention keeps at least one point, got \(maxPoints)")
        }
        let nanoseconds = max(1, Int64((seconds * 1e9).rounded()))
        self.init(maxAge: .nanoseconds(nanoseconds), maxPoints: maxPoints)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(maxAge.seconds, forKey: .maxAgeSeconds)
        try container.encode(maxPoints, forKey: .maxPoints)
    }
}

/// The recent values of one metric, oldest first, in a ring buffer that never grows past the
/// retention's point limit: appending and expiring cost O(1) amortised.
public struct TimeSeries: Sendable {
    /// One recorded value.
    public struct Point: Sendable, Hashable {
        /// When it was recorded.
        public var time: Date
        /// The value.
        public var value: Double
    }

    /// The limits applied on every append.
    public let retention: MonitorRetention
    /// Grows to at most `retention.maxPoints`; slots outside `head ..< head + count` are free.
    private var storage: [Point] = []
    private var head = 0
    /// Points held.
    public private(set) var count = 0

    /// An empty series.
    public init(retention: MonitorRetention) {
        self.retention = retention
    }

    /// The newest point.
    public var latest: Point? {
        count == 0 ? nil : storage[slot(count - 1)]
    }

    /// The points, oldest first.
    public var points: [Point] {
        (0..<count).map { storage[slot($0)] }
    }

    /// The values, oldest first.
    public var values: [Double] {
        (0..<count).map { storage[slot($0)].value }
    }

    /// Appends a value taken at `time`, then drops what the retention no longer allows. Times
    /// are expected not to go backwards: expiry looks at the oldest points only.
    public mutating func append(_ value: Double, at time: Date) {
        let point = Point(time: time, value: value)
        if count == retention.maxPoints {
            storage[head] = point
            head = (head + 1) % storage.count
        } else {
            if count == storage.count {
                // Full as allocated but below the limit: grow, oldest first.
                if head != 0 { storage = points; head = 0 }
                storage.append(point)
            } else {
                storage[slot(count)] = point
            }
            count += 1
        }
        dropExpired(now: time)
    }

    /// Drops the points older than the retention's age at `now`.
    public mutating func dropExpired(now: Date) {
        let cutoff = now.addingTimeInterval(-retention.maxAge.seconds)
        while count > 0, storage[head].time < cutoff {
            head = (head + 1) % storage.count
            count -= 1
        }
    }

    /// Count, minimum, maximum, mean and p95 of the values held; `nil` when empty.
    public func summary() -> WindowSummary? {
        Sample(values).map(WindowSummary.init)
    }

    private func slot(_ offset: Int) -> Int {
        (head + offset) % storage.count
    }
}

/// Statistics of the values a time series holds.
public struct WindowSummary: Sendable, Hashable, Codable {
    /// Points in the window.
    public var count: Int
    /// The smallest value.
    public var min: Double
    /// The largest value.
    public var max: Double
    /// The arithmetic mean.
    public var mean: Double
    /// The 95th percentile by linear interpolation, as ``Sample/percentile(_:)``.
    public var p95: Double

    init(_ sample: Sample) {
        count = sample.count
        min = sample.min
        max = sample.max
        mean = sample.mean
        p95 = sample.percentile(0.95)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
