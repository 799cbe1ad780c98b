/// An option a subcommand accepts.
struct OptionSpec: Sendable {
    /// The long name with its dashes: `--rounds`.
    var name: String
    /// The one-letter alias, if any: `-f`.
    var short: String?
    /// The value's placeholder in help (`N`, `REGEX`); `nil` for a flag without a value.
    var valueName: String?
    /// Whether it may be given more than once, its values accumulating.
    var isRepeatable = false
    /// One line for `--help`.
    var help: String
    /// Whether it is for bench's own use between processes: left out of help and suggestions.
    var isInternal = false
}

/// The options and positional arguments of one subcommand, as given.
struct ParsedArguments {
    /// Values by long option name, in the order given.
    var values: [String: [String]] = [:]
    /// Flags given, by long name.
    var flags: Set<String> = []
    /// Arguments that are not options.
    var positionals: [String] = []

    /// Whether a flag was given.
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The last value given for `option`.
    func value(_ option: String) -> String? { values[option]?.last }

    /// The value of `option` as a whole number in `range`.
    func integer(_ option: String, in range: ClosedRange<Int>, _ description: String) throws(CommandLineError) -> Int? {
        guard let text = value(option) else { return nil }
        // Underscores group digits as in Swift literals: 10_000.
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(number) else {
            throw .usage("\(option) expects \(description), got '\(text)'")
        }
        return number
    }

    /// The value of `option` as a finite number of at least zero.
    func number(_ option: String) throws(CommandLineError) -> Double? {
        guard let text = value(option) else { return nil }
        guard let number = Double(text), number.isFinite, number >= 0 else {
            throw .usage("\(option) expects a number of at least 0 such as 1.5, got '\(text)'")
        }
        return number
    }

    /// The value of `option` as a positive duration (`30s`, `500ms`, `2m`, `1.5s`).
    func duration(_ option: String) throws(CommandLineError) -> Duration? {
        guard let text = value(option) else { return nil }
        guard let duration = DurationParser.parse(text), duration > .zero else {
            throw .usage("\(option) expects a positive duration such as 500ms, 30s or 2m, got '\(text)'")
        }
        return duration
    }
}

/// Splits one subcommand's arguments into options and positional arguments.
///
/// Accepted forms: `--name value`, `--name=value`, `-f value`, flags `--quiet` and `-q`, and `--`
/// to end options. Errors name the option and say what is wrong, in one line.
enum ArgumentParser {
    static func parse(
        _ arguments: some Collection<String>,
        options: [OptionSpec],
        command: String
    ) throws(CommandLineError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--" {
                parsed.positionals += remaining
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                parsed.positionals.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.name == name || $0.short == name }) else {
                throw .usage(unknownOption(name, command: command, options: options))
            }
            if let valueName = spec.valueName {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if let next = remaining.first, !options.contains(where: { $0.name == next || $0.short == next }) {
                    value = next
                    remaining.removeFirst()
                } else {
                    throw .usage("\(spec.name) needs a value (\(valueName))")
                }
                if !spec.isRepeatable, parsed.values[spec.name] != nil {
                    throw .usage("\(spec.name) is given more than once")
                }
                parsed.values[spec.name, default: []].append(value)
            } else {
                if inlineValue != nil { throw .usage("\(spec.name) takes no value") }
                parsed.flags.insert(spec.name)
            }
        }
        return parsed
    }

    private static func unknownOption(_ name: String, command: String, options: [OptionSpec]) -> String {
        let message = "unknown option '\(name)' for 'bench \(command)'"
        let candidates = options.filter { !$0.isInternal }.map(\.name)
        if let suggestion = closest(to: name, among: candidates) {
            return message + " (did you mean '\(suggestion)'?)"
        }
        return message
    }

    /// The candidate within edit distance 2 of `word`, if there is exactly one nearest.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.map(\.1).min() else { return nil }
        let nearest = scored.filter { $0.1 == best }
        return nearest.count == 1 ? nearest[0].0 : nil
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
