import Foundation

/// The pieces of the Prometheus text exposition format that every Prometheus output shares.
enum PrometheusText {
    /// A metric family: its HELP and TYPE lines, then its samples; empty when it has none, so
    /// that no family is announced without a sample.
    static func family(_ name: String, _ type: String, _ help: String, _ samples: [String]) -> String {
        guard !samples.isEmpty else { return "" }
        return (["# HELP \(name) \(help)", "# TYPE \(name) \(type)"] + samples).joined(separator: "\n")
    }

    /// A number as Prometheus parses it, to nine significant digits: dividing nanoseconds by
    /// 10⁹ leaves binary noise in the last of seventeen.
    static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.9g", value) : (value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf")
    }

    /// Seconds since the Unix epoch, to the millisecond.
    static func timestamp(_ date: Date) -> String {
        String(format: "%.3f", date.timeIntervalSince1970)
    }
}
