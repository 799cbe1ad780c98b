/// Which baseline a run is judged against, as the user chose it; ``BaselineStore/resolve(_:)``
/// turns it into the baseline itself.
public enum BaselineChoice: Sendable, Hashable {
    /// The store's default baseline (``BaselineStore/defaultName``) when it exists, else none:
    /// a first run, before any baseline is recorded, is not an error.
    case automatic
    /// This baseline; it must exist.
    case named(String)
    /// None (`--no-baseline`).
    case none
}
