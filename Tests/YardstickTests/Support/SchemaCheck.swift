import Foundation

/// A small JSON Schema checker for tests: `type`, `properties`, `required`,
/// `additionalProperties: false`, `items`, `enum`, `const`, `oneOf` (beside the other keywords)
/// and local `$ref`; a list of types is not checked. Enough to
/// prove that every field the encoder writes is in `docs/results.schema.json` and every required
/// field is written; CI validates real files with the full `jsonschema` package.
struct SchemaCheck {
    let root: [String: Any]

    init(_ url: URL) throws {
        root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// The problems of `value` against the root schema, each with its path.
    func problems(of value: Any) -> [String] {
        problems(value, schema: root, path: "$")
    }

    /// Whether a decoded JSON value was `true` or `false`. On Linux, `is Bool` also holds for
    /// the numbers 0 and 1, so the class that JSONSerialization uses for booleans decides.
    private func isBoolean(_ value: Any) -> Bool {
        String(describing: type(of: value)).contains("Boolean")
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/$defs/") else { return schema }
        let name = String(reference.dropFirst("#/$defs/".count))
        return resolve((root["$defs"] as! [String: Any])[name] as! [String: Any])
    }

    private func problems(_ value: Any, schema raw: [String: Any], path: String) -> [String] {
        let schema = resolve(raw)
        if let options = schema["oneOf"] as? [[String: Any]] {
            let matching = options.filter { problems(value, schema: $0, path: path).isEmpty }
            guard matching.count == 1 else { return ["\(path): matches \(matching.count) of the oneOf options"] }
        }
        if let constant = schema["const"], "\(constant)" != "\(value)" { return ["\(path): is not \(constant)"] }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { "\($0)" == "\(value)" }) {
            return ["\(path): '\(value)' is not one of \(choices)"]
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): is not an object"] }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            var found: [String] = []
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): lacks required '\(name)'")
            }
            for (name, member) in object {
                guard let property = properties[name] as? [String: Any] else {
                    if (schema["additionalProperties"] as? Bool) == false { found.append("\(path): '\(name)' is not in the schema") }
                    continue
                }
                found += problems(member, schema: property, path: "\(path).\(name)")
            }
            return found
        case "array":
            guard let array = value as? [Any] else { return ["\(path): is not an array"] }
            guard let items = schema["items"] as? [String: Any] else { return [] }
            return array.enumerated().flatMap { problems($0.element, schema: items, path: "\(path)[\($0.offset)]") }
        case "string":
            return value is String ? [] : ["\(path): is not a string"]
        case "integer":
            guard !isBoolean(value), let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else {
                return ["\(path): is not an integer"]
            }
            return []
        case "number":
            return value is NSNumber && !isBoolean(value) ? [] : ["\(path): is not a number"]
        case "boolean":
            return isBoolean(value) ? [] : ["\(path): is not a boolean"]
        default:
            return []
        }
    }
}
