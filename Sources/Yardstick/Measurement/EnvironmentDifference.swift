/// A field in which the baseline's environment differs from this run's.
///
/// A different processor, core count, operating system, compiler or build configuration makes
/// timings incomparable; those differences *block* judging unless the user accepts a foreign
/// baseline. A different kernel or amount of memory is reported but does not block: CI images
/// update kernels routinely.
public struct EnvironmentDifference: Sendable, Hashable, Codable {
    /// The field's name in the results file, such as `cpuModel`.
    public var field: String
    /// The baseline's value.
    public var baseline: String
    /// This run's value.
    public var current: String
    /// Whether it makes the two runs incomparable.
    public var isBlocking: Bool

    /// `cpuModel: 'AMD EPYC' in the baseline, 'Apple M2' now`.
    public var summary: String { "\(field): '\(baseline)' in the baseline, '\(current)' now" }

    /// Every difference between two fingerprints, blocking ones first.
    public static func between(_ baseline: EnvironmentFingerprint, _ current: EnvironmentFingerprint) -> [EnvironmentDifference] {
        let fields: [(String, String, String, Bool)] = [
            ("buildConfiguration", baseline.buildConfiguration.rawValue, current.buildConfiguration.rawValue, true),
            ("cpuModel", baseline.cpuModel, current.cpuModel, true),
            ("logicalCores", "\(baseline.logicalCores)", "\(current.logicalCores)", true),
            ("operatingSystem", baseline.operatingSystem, current.operatingSystem, true),
            ("swiftVersion", baseline.swiftVersion, current.swiftVersion, true),
            ("kernel", baseline.kernel, current.kernel, false),
            ("memoryBytes", "\(baseline.memoryBytes)", "\(current.memoryBytes)", false),
        ]
        return fields.compactMap { field, old, new, isBlocking in
            old == new ? nil : EnvironmentDifference(field: field, baseline: old, current: new, isBlocking: isBlocking)
        }
    }
}
