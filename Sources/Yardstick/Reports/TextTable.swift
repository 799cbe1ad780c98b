/// Columns of text aligned with spaces, for terminals and logs.
struct TextTable {
    enum Alignment { case left, right }

    private let headers: [String]
    private let alignments: [Alignment]
    private let indent: String
    private var rows: [[String]] = []

    init(_ columns: [(header: String, alignment: Alignment)], indent: Int = 0) {
        headers = columns.map(\.header)
        alignments = columns.map(\.alignment)
        self.indent = String(repeating: " ", count: indent)
    }

    mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "a row needs \(headers.count) cells, got \(row.count)")
        rows.append(row)
    }

    /// The header, a rule, and the rows; columns separated by two spaces, trailing spaces trimmed.
    func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var text = indent
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { text += "  " }
                text += alignments[column] == .left ? cell + padding : padding + cell
            }
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        let rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
