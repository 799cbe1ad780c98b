/// One of the two builds a side-by-side comparison measures.
public enum ABSide: String, Sendable, Hashable, CaseIterable, Codable {
    /// The build judged against: the target branch, or an older executable.
    case base
    /// The build under test: the working tree, or a newer executable.
    case head

    /// The other side.
    public var other: ABSide { self == .base ? .head : .base }
}
