import Foundation

extension BaselineChoice {
    /// The chosen baseline in the store at `directory` (see ``BaselineStore/resolve(_:)``); a
    /// baseline that cannot be resolved is an input error (exit code 2).
    func load(from directory: String) throws(CommandLineError) -> LoadedBaseline? {
        do {
            return try BaselineStore(directory: URL(fileURLWithPath: directory)).resolve(self)
        } catch {
            throw .input(error.description)
        }
    }
}

extension CommandParser {
    /// `--baseline NAME` or `--no-baseline`, which exclude each other; automatic without either.
    static func baselineChoice(_ parsed: ParsedArguments) throws(CommandLineError) -> BaselineChoice {
        if parsed.has("--no-baseline") {
            if parsed.value("--baseline") != nil { throw .usage("--baseline and --no-baseline exclude each other") }
            return .none
        }
        return parsed.value("--baseline").map(BaselineChoice.named) ?? .automatic
    }
}
