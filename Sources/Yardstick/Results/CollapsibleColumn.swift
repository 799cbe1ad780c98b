/// A column of a compact results file: one value when every row holds it, otherwise every
/// row's value in `Rows`' shape (a list, or a list per process).
enum CollapsibleColumn<Value: Codable & Hashable & Sendable, Rows: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    /// Every row holds this value.
    case constant(Value)
    /// Each row's value.
    case rows(Rows)

    /// `rows`, or its one value when `values` (the rows, flattened) hold only one.
    init(_ rows: Rows, values: [Value]) {
        if let first = values.first, values.allSatisfy({ $0 == first }) {
            self = .constant(first)
        } else {
            self = .rows(rows)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Value.self) {
            self = .constant(value)
        } else {
            self = .rows(try container.decode(Rows.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .constant(let value): try container.encode(value)
        case .rows(let rows): try container.encode(rows)
        }
    }
}
