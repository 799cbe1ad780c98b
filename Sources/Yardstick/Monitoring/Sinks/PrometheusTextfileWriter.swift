import Foundation
import Synchronization

/// Writes dashboard snapshots to a `.prom` file for node_exporter's textfile collector
/// (`--collector.textfile.directory`), replacing it atomically each time: the collector may
/// read at any moment, and a half-written file would fail its whole scrape.
///
/// ```swift
/// let writer = PrometheusTextfileWriter(url: URL(fileURLWithPath: "/var/lib/node_exporter/textfile/yardstick.prom"))
/// writer.write(await monitor.snapshot())
/// ```
///
/// The temporary file is hidden (its name starts with a dot) and does not end in `.prom`, so
/// the collector never reads it. A failure goes to `onFailure` and leaves the previous file.
/// Writes through one writer are serialised: they share that temporary file's name.
public final class PrometheusTextfileWriter: Sendable {
    /// The file written; conventionally `metrics.prom` or `<name>.prom`.
    public let url: URL
    private let onFailure: @Sendable (String) -> Void
    private let writing = Mutex(())

    /// A writer of `url`.
    ///
    /// - Parameters:
    ///   - url: The file; its directory is created when missing.
    ///   - onFailure: Receives one line per failed write; `nil` writes it to standard error.
    public init(url: URL, onFailure: (@Sendable (String) -> Void)? = nil) {
        self.url = url
        self.onFailure = onFailure ?? SinkFailure.standardError
    }

    /// Replaces the file with `snapshot`'s exposition text.
    /// - Returns: Whether the file was written.
    @discardableResult
    public func write(_ snapshot: DashboardSnapshot) -> Bool {
        let text = Data(PrometheusDashboardReport(snapshot).render().utf8)
        let problem = writing.withLock { _ -> String? in
            do {
                try AtomicFile.write(text, to: url)
                return nil
            } catch {
                return describeFileError(error)
            }
        }
        if let problem {
            onFailure("\(url.relativePath): cannot write the monitor's metrics (\(problem))")
            return false
        }
        return true
    }
}
