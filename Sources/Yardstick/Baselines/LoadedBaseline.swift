import Foundation

/// A baseline read from a ``BaselineStore``, with its name and file.
public struct LoadedBaseline: Sendable {
    /// The baseline's name, such as `default`.
    public var name: String
    /// Its file in the store.
    public var url: URL
    /// The blessed run.
    public var results: RunResults

    /// Creates a loaded baseline.
    public init(name: String, url: URL, results: RunResults) {
        self.name = name
        self.url = url
        self.results = results
    }

    /// The file's path as the store's directory was given (relative when it was), for messages.
    public var path: String { url.relativePath }
}
