/// A page of the Prometheus text exposition format (version 0.0.4) as read by
/// ``PrometheusTextParser``: metric families in the order they appear, each with its samples.
///
/// ```swift
/// let page = try PrometheusTextParser.parse(text)
/// page.samples(named: "http_requests_total", matching: ["code": "200"])
/// ```
public struct PrometheusExposition: Sendable, Hashable {
    /// The families, in the order of their first line.
    public var families: [PrometheusFamily]

    /// A page of `families`.
    public init(families: [PrometheusFamily]) {
        self.families = families
    }

    /// Every sample of every family, in page order.
    public var samples: [PrometheusSample] { families.flatMap(\.samples) }

    /// The samples named `name` (a sample's own name, such as `x_bucket` or `x_sum`) whose
    /// labels include every pair of `labels`; other labels may be present.
    public func samples(named name: String, matching labels: [String: String] = [:]) -> [PrometheusSample] {
        samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }
}

/// One metric family: the samples that share a `# TYPE` (and `# HELP`) line. A histogram `x`
/// holds `x_bucket`, `x_sum` and `x_count` samples; a summary `x` holds `x`, `x_sum` and
/// `x_count`. A sample with no `# TYPE` line before it is a family of its own, untyped.
public struct PrometheusFamily: Sendable, Hashable {
    /// The family's name, as its `# TYPE` or `# HELP` line gives it.
    public var name: String
    /// Its type; ``PrometheusMetricType/untyped`` without a `# TYPE` line.
    public var type: PrometheusMetricType
    /// Its `# HELP` text, unescaped.
    public var help: String?
    /// Its samples, in page order.
    public var samples: [PrometheusSample]

    /// A family.
    public init(name: String, type: PrometheusMetricType = .untyped, help: String? = nil, samples: [PrometheusSample] = []) {
        self.name = name
        self.type = type
        self.help = help
        self.samples = samples
    }

    /// The sample names this family's type may hold.
    func owns(sampleNamed sampleName: String) -> Bool {
        if sampleName == name { return type != .histogram }
        switch type {
        case .histogram: return [name + "_bucket", name + "_sum", name + "_count"].contains(sampleName)
        case .summary: return [name + "_sum", name + "_count"].contains(sampleName)
        case .counter, .gauge, .untyped: return false
        }
    }
}

/// The type a `# TYPE` line declares.
public enum PrometheusMetricType: String, Sendable, Hashable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
}

/// One line of values: a name, labels, a value, and an optional timestamp.
public struct PrometheusSample: Sendable, Hashable {
    /// The sample's own name: `x_bucket` for a histogram `x`'s bucket.
    public var name: String
    /// Label names to values, unescaped.
    public var labels: [String: String]
    /// The value; `NaN`, `+Inf` and `-Inf` are values too.
    public var value: Double
    /// Milliseconds since 1970, when the line gives one.
    public var timestamp: Int64?

    /// A sample.
    public init(name: String, labels: [String: String] = [:], value: Double, timestamp: Int64? = nil) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }

    /// Equality that holds for NaN values too, as a parsed page's samples need.
    public static func == (lhs: PrometheusSample, rhs: PrometheusSample) -> Bool {
        lhs.name == rhs.name && lhs.labels == rhs.labels && lhs.timestamp == rhs.timestamp
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(labels)
        hasher.combine(timestamp)
        // Every NaN hashes alike, as == makes them equal.
        if value.isNaN { hasher.combine(true) } else { hasher.combine(value) }
    }
}
