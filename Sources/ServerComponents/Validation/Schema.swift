/// What a JSON value must look like: built from strings, numbers, booleans, arrays and objects
/// with their constraints, and checked by ``validate(_:)``, which reports every failure.
///
/// ```swift
/// let signUp = Schema.object {
///     Field.required("email", .string(format: .email))
///     Field.required("password", .string(minLength: 12, maxLength: 128))
///     Field.optional("age", .integer(minimum: 13, maximum: 150))
///     Field.required("address", .object {
///         Field.required("zip", .string(pattern: try! Pattern("^[0-9]{5}$")))
///     })
/// }
/// for failure in signUp.validate(body) {
///     print(failure)  // address.zip: does not match the pattern ^[0-9]{5}$
/// }
/// ```
///
/// A schema is a value: build it once, at start-up, and share it between tasks. The names of
/// the constraints are JSON Schema's (`minLength`, `minimum`, `minItems` as `minCount`), and so
/// are their meanings: lengths count Unicode scalars, bounds are inclusive, an integer is any
/// number without a fraction (`2.0` is one), and a pattern matches anywhere in the string
/// unless anchored.
public struct Schema: Sendable {
    indirect enum Node: Sendable {
        case any
        case boolean
        case integer(minimum: Int?, maximum: Int?)
        case number(minimum: Double?, maximum: Double?)
        case string(StringConstraints)
        case array(element: Schema, minCount: Int?, maxCount: Int?)
        case object(ObjectConstraints)
        case nullable(Schema)
    }

    struct StringConstraints: Sendable {
        var minLength: Int?
        var maxLength: Int?
        var pattern: Pattern?
        var format: StringFormat?
    }

    struct ObjectConstraints: Sendable {
        var fields: [Field]
        /// The declared names, when other names are failures.
        var closedTo: Set<String>?
    }

    let node: Node

    /// Any value at all.
    public static let any = Schema(node: .any)

    /// `true` or `false`.
    public static let boolean = Schema(node: .boolean)

    /// A number without a fraction, between `minimum` and `maximum` inclusive when given.
    public static func integer(minimum: Int? = nil, maximum: Int? = nil) -> Schema {
        precondition(minimum ?? .min <= maximum ?? .max, "integer(minimum: \(minimum!), maximum: \(maximum!)) admits nothing")
        return Schema(node: .integer(minimum: minimum, maximum: maximum))
    }

    /// Any number, between `minimum` and `maximum` inclusive when given.
    public static func number(minimum: Double? = nil, maximum: Double? = nil) -> Schema {
        precondition(minimum.map { !$0.isNaN } ?? true && maximum.map { !$0.isNaN } ?? true, "a bound cannot be NaN")
        precondition(minimum ?? -.infinity <= maximum ?? .infinity, "number(minimum: \(minimum!), maximum: \(maximum!)) admits nothing")
        return Schema(node: .number(minimum: minimum, maximum: maximum))
    }

    /// A string of `minLength` to `maxLength` Unicode scalars, matching `pattern` and
    /// `format`, each when given.
    public static func string(minLength: Int? = nil, maxLength: Int? = nil, pattern: Pattern? = nil, format: StringFormat? = nil) -> Schema {
        precondition(minLength ?? 0 >= 0 && minLength ?? 0 <= maxLength ?? .max, "string lengths \(minLength ?? 0)...\(maxLength ?? .max) admit nothing")
        return Schema(node: .string(StringConstraints(minLength: minLength, maxLength: maxLength, pattern: pattern, format: format)))
    }

    /// An array of `minCount` to `maxCount` elements, each valid against `element`.
    public static func array(of element: Schema, minCount: Int? = nil, maxCount: Int? = nil) -> Schema {
        precondition(minCount ?? 0 >= 0 && minCount ?? 0 <= maxCount ?? .max, "array counts \(minCount ?? 0)...\(maxCount ?? .max) admit nothing")
        return Schema(node: .array(element: element, minCount: minCount, maxCount: maxCount))
    }

    /// An object with the given fields. Fields not declared are allowed and not checked, as
    /// in JSON Schema, unless `rejectingUnknownFields` is set, when each is a failure.
    ///
    /// - Precondition: No two fields have the same name.
    public static func object(rejectingUnknownFields: Bool = false, @FieldsBuilder _ fields: () -> [Field]) -> Schema {
        let fields = fields()
        let names = Set(fields.map(\.name))
        precondition(names.count == fields.count, "an object schema declares a field twice")
        return Schema(node: .object(ObjectConstraints(fields: fields, closedTo: rejectingUnknownFields ? names : nil)))
    }

    /// This schema, or `null`.
    public func nullable() -> Schema {
        if case .nullable = node { return self }
        return Schema(node: .nullable(self))
    }
}

/// A named syntax a string must have.
public enum StringFormat: String, Hashable, Sendable, CaseIterable {
    /// An e-mail address as HTML's `<input type="email">` accepts one (see the documentation
    /// of `EmailAddress` in the source for the exact rule).
    case email
}
