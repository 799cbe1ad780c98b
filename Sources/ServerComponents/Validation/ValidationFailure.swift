/// One way a value fails its schema, and where.
public struct ValidationFailure: Hashable, Sendable, CustomStringConvertible {
    /// Where the failing value is, or would be for a missing field.
    public let path: JSONPath
    /// What is wrong with it.
    public let problem: ValidationProblem

    /// Creates a failure.
    public init(path: JSONPath, problem: ValidationProblem) {
        self.path = path
        self.problem = problem
    }

    /// `address.zip: does not match the pattern ^[0-9]{5}$`.
    public var description: String { "\(path): \(problem)" }
}

/// What is wrong with a value. Failures never quote a string value, which may be a secret;
/// they quote numbers, lengths and counts.
public enum ValidationProblem: Hashable, Sendable, CustomStringConvertible {
    /// A required field is absent.
    case missingField
    /// A field the object does not declare, when it rejects unknown fields.
    case unknownField
    /// A value of the wrong kind, such as a string where a number belongs.
    case wrongKind(expected: JSONValue.Kind, found: JSONValue.Kind)
    /// A string shorter than its minimum length, in Unicode scalars.
    case tooShort(length: Int, minimum: Int)
    /// A string longer than its maximum length, in Unicode scalars.
    case tooLong(length: Int, maximum: Int)
    /// A string the pattern does not match.
    case patternMismatch(Pattern)
    /// A string without the syntax of its format.
    case invalidFormat(StringFormat)
    /// A number below its minimum.
    case belowMinimum(value: JSONValue, minimum: JSONValue)
    /// A number above its maximum.
    case aboveMaximum(value: JSONValue, maximum: JSONValue)
    /// An array with fewer elements than its minimum.
    case tooFewElements(count: Int, minimum: Int)
    /// An array with more elements than its maximum.
    case tooManyElements(count: Int, maximum: Int)

    public var description: String {
        switch self {
        case .missingField: "required field is missing"
        case .unknownField: "field is not allowed"
        case .wrongKind(let expected, let found): "expected \(expected), found \(found)"
        case .tooShort(let length, let minimum): "length \(length) is below the minimum of \(minimum)"
        case .tooLong(let length, let maximum): "length \(length) is above the maximum of \(maximum)"
        case .patternMismatch(let pattern): "does not match the pattern \(pattern.source)"
        case .invalidFormat(let format): "is not a valid \(format.rawValue)"
        case .belowMinimum(let value, let minimum): "\(Self.number(value)) is below the minimum of \(Self.number(minimum))"
        case .aboveMaximum(let value, let maximum): "\(Self.number(value)) is above the maximum of \(Self.number(maximum))"
        case .tooFewElements(let count, let minimum): "\(count) elements, below the minimum of \(minimum)"
        case .tooManyElements(let count, let maximum): "\(count) elements, above the maximum of \(maximum)"
        }
    }

    private static func number(_ value: JSONValue) -> String {
        switch value {
        case .integer(let integer): String(integer)
        case .number(let number): String(number)
        default: "\(value)"
        }
    }
}
