extension Schema {
    /// Every way `value` fails this schema, in document order (fields in the order the schema
    /// declares them, unknown fields by name, elements by index); empty when it is valid.
    ///
    /// Validation never stops at the first failure: a form gets every problem back at once.
    /// A value of the wrong kind is one failure; its own constraints are not checked.
    ///
    /// - Complexity: O(size of `value` × pattern length); a valid value allocates nothing.
    public func validate(_ value: JSONValue) -> [ValidationFailure] {
        var failures: [PendingFailure] = []
        check(value, against: self, into: &failures)
        return failures.map { ValidationFailure(path: JSONPath($0.reversedPath.reversed()), problem: $0.problem) }
    }

    /// A failure whose path is built innermost first: a parent appends its component to the
    /// failures its child reported, so that a valid value costs no path at all.
    fileprivate struct PendingFailure {
        var reversedPath: [JSONPath.Component] = []
        let problem: ValidationProblem
    }

    private func check(_ value: JSONValue, against schema: Schema, into failures: inout [PendingFailure]) {
        switch schema.node {
        case .any:
            break
        case .nullable(let inner):
            if case .null = value { return }
            check(value, against: inner, into: &failures)
        case .boolean:
            guard case .boolean = value else { return failures.append(kind: .boolean, found: value) }
        case .integer(let minimum, let maximum):
            switch value {
            case .integer(let integer):
                checkRange(value, integer, minimum, maximum, into: &failures)
            case .number(let number) where number.rounded(.towardZero) == number:
                // 2.0 is an integer, as in JSON Schema.
                if let integer = Int(exactly: number) {
                    checkRange(value, integer, minimum, maximum, into: &failures)
                } else {
                    // Beyond Int's range, so beyond any bound on that side.
                    checkRange(value, number < 0 ? Int.min : Int.max, minimum, maximum, into: &failures)
                }
            default:
                failures.append(kind: .integer, found: value)
            }
        case .number(let minimum, let maximum):
            switch value {
            case .integer(let integer): checkRange(value, Double(integer), minimum, maximum, into: &failures)
            case .number(let number): checkRange(value, number, minimum, maximum, into: &failures)
            default: failures.append(kind: .number, found: value)
            }
        case .string(let constraints):
            guard case .string(let string) = value else { return failures.append(kind: .string, found: value) }
            check(string, constraints, into: &failures)
        case .array(let element, let minCount, let maxCount):
            guard case .array(let elements) = value else { return failures.append(kind: .array, found: value) }
            if let minCount, elements.count < minCount {
                failures.append(PendingFailure(problem: .tooFewElements(count: elements.count, minimum: minCount)))
            }
            if let maxCount, elements.count > maxCount {
                failures.append(PendingFailure(problem: .tooManyElements(count: elements.count, maximum: maxCount)))
            }
            for (index, elementValue) in elements.enumerated() {
                let start = failures.count
                check(elementValue, against: element, into: &failures)
                failures.prefix(from: start, with: .index(index))
            }
        case .object(let constraints):
            guard case .object(let members) = value else { return failures.append(kind: .object, found: value) }
            for field in constraints.fields {
                if let fieldValue = members[field.name] {
                    let start = failures.count
                    check(fieldValue, against: field.schema, into: &failures)
                    failures.prefix(from: start, with: .field(field.name))
                } else if field.isRequired {
                    failures.append(PendingFailure(reversedPath: [.field(field.name)], problem: .missingField))
                }
            }
            if let declared = constraints.closedTo, members.count > 0 {
                for name in members.keys.filter({ !declared.contains($0) }).sorted() {
                    failures.append(PendingFailure(reversedPath: [.field(name)], problem: .unknownField))
                }
            }
        }
    }

    private func checkRange<Number: Comparable & JSONNumber>(
        _ value: JSONValue, _ number: Number, _ minimum: Number?, _ maximum: Number?,
        into failures: inout [PendingFailure]
    ) {
        if let minimum, number < minimum {
            failures.append(PendingFailure(problem: .belowMinimum(value: value, minimum: minimum.jsonValue)))
        }
        if let maximum, number > maximum {
            failures.append(PendingFailure(problem: .aboveMaximum(value: value, maximum: maximum.jsonValue)))
        }
    }

    private func check(_ string: String, _ constraints: StringConstraints, into failures: inout [PendingFailure]) {
        if constraints.minLength != nil || constraints.maxLength != nil {
            // A scalar takes 1 to 4 bytes of UTF-8, whose count is known without a scan: most
            // strings pass on that count alone.
            let bytes = string.utf8.count
            let surelyLongEnough = (bytes + 3) / 4 >= constraints.minLength ?? 0
            let surelyShortEnough = bytes <= constraints.maxLength ?? .max
            if surelyLongEnough && surelyShortEnough { return checkPatternAndFormat(string, constraints, into: &failures) }
            let length = string.unicodeScalars.count
            if let minimum = constraints.minLength, length < minimum {
                failures.append(PendingFailure(problem: .tooShort(length: length, minimum: minimum)))
            }
            if let maximum = constraints.maxLength, length > maximum {
                failures.append(PendingFailure(problem: .tooLong(length: length, maximum: maximum)))
            }
        }
        checkPatternAndFormat(string, constraints, into: &failures)
    }

    private func checkPatternAndFormat(_ string: String, _ constraints: StringConstraints, into failures: inout [PendingFailure]) {
        if let pattern = constraints.pattern, !pattern.matches(string) {
            failures.append(PendingFailure(problem: .patternMismatch(pattern)))
        }
        switch constraints.format {
        case .email? where !EmailAddress.isValid(string):
            failures.append(PendingFailure(problem: .invalidFormat(.email)))
        default:
            break
        }
    }
}

/// The two number types bounds come in.
private protocol JSONNumber {
    var jsonValue: JSONValue { get }
}

extension Int: JSONNumber {
    var jsonValue: JSONValue { .integer(self) }
}

extension Double: JSONNumber {
    var jsonValue: JSONValue { .number(self) }
}

extension Array where Element == Schema.PendingFailure {
    /// Records a value of the wrong kind.
    fileprivate mutating func append(kind expected: JSONValue.Kind, found value: JSONValue) {
        append(Schema.PendingFailure(problem: .wrongKind(expected: expected, found: value.kind)))
    }

    /// Puts `component` in front of the paths of the failures from `start` on, which a child
    /// value reported.
    fileprivate mutating func prefix(from start: Int, with component: JSONPath.Component) {
        for index in start..<count {
            self[index].reversedPath.append(component)
        }
    }
}
