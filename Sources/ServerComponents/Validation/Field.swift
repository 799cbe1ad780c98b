/// A field of an object schema: a name, the schema of its value, and whether it must be
/// present.
public struct Field: Sendable {
    /// The member name, matched exactly.
    public let name: String
    /// What the value must look like when present.
    public let schema: Schema
    /// Whether the field's absence is a failure.
    public let isRequired: Bool

    /// A field that must be present.
    public static func required(_ name: String, _ schema: Schema) -> Field {
        Field(name: name, schema: schema, isRequired: true)
    }

    /// A field that may be absent; when present, it is checked like any other.
    public static func optional(_ name: String, _ schema: Schema) -> Field {
        Field(name: name, schema: schema, isRequired: false)
    }
}

/// Collects the fields listed in ``Schema/object(rejectingUnknownFields:_:)``'s closure,
/// including those under `if`, `switch` and `for`.
@resultBuilder
public enum FieldsBuilder {
    public static func buildExpression(_ field: Field) -> [Field] { [field] }
    public static func buildBlock(_ groups: [Field]...) -> [Field] { groups.flatMap { $0 } }
    public static func buildOptional(_ fields: [Field]?) -> [Field] { fields ?? [] }
    public static func buildEither(first fields: [Field]) -> [Field] { fields }
    public static func buildEither(second fields: [Field]) -> [Field] { fields }
    public static func buildArray(_ groups: [[Field]]) -> [Field] { groups.flatMap { $0 } }
}
