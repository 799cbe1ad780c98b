/// The files a run writes, and `bench report --format` names.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `results.json`: the whole run with its verdicts, the schema of `docs/results.schema.json`.
    case json
    /// `report.md`: GitHub-flavoured Markdown for pull requests and terminals.
    case md
    /// `junit.xml`: one test case per benchmark, for CI systems' test tabs.
    case junit
    /// `report.html`: one self-contained page with inline SVG charts.
    case html
    /// `metrics.prom`: Prometheus text exposition, for node_exporter's textfile collector.
    case prom

    /// The file name in the output directory.
    public var fileName: String {
        switch self {
        case .json: "results.json"
        case .md: "report.md"
        case .junit: "junit.xml"
        case .html: "report.html"
        case .prom: "metrics.prom"
        }
    }

    /// The rendered file.
    public func render(_ input: ReportInput) throws -> String {
        switch self {
        case .json:
            String(decoding: try ResultsFile.encode(input.results, judgement: input.judgement, wording: .plainText), as: UTF8.self)
        case .md: MarkdownReport(input).render()
        case .junit: JUnitReport(input).render()
        case .html: HTMLReport(input).render()
        case .prom: PrometheusReport(input).render()
        }
    }
}
