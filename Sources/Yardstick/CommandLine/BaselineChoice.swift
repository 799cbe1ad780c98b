/// Which baseline `run` judges against.
enum BaselineChoice: Equatable {
    /// `default`, when it exists.
    case automatic
    /// This one; it must exist.
    case named(String)
    /// None (`--no-baseline`).
    case none
}
