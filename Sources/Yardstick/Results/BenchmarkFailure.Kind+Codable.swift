/// A failure's kind is written as its raw value. One this version does not know (from a newer
/// Yardstick, or a file edited by hand) is a decoding error naming the value and the kinds it
/// knows, which ``ResultsFile`` reports with the field's path: a failure read as some other
/// kind would be judged wrongly, and dropping it would turn an error into a pass.
extension BenchmarkFailure.Kind: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let kind = Self(rawValue: text) else {
            let known = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown failure kind '\(text)' (known: \(known))"
            )
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
