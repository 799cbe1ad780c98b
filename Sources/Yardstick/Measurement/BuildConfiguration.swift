/// Whether the code being measured was compiled with optimisation.
public enum BuildConfiguration: String, Sendable, Hashable, Codable {
    /// `-c debug`: unoptimised; its timings say nothing about production speed.
    case debug
    /// `-c release`: optimised; the only configuration whose numbers are comparable.
    case release

    /// The configuration this library was compiled in. SwiftPM defines `DEBUG` in debug builds,
    /// and a package's targets are all built in the same configuration.
    public static var current: BuildConfiguration {
        #if DEBUG
        .debug
        #else
        .release
        #endif
    }
}
