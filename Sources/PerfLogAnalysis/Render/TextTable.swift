/// Aligned text columns for terminal output: text columns left-aligned, numbers right-aligned,
/// two spaces between columns. Cells must already be neutralised (``TerminalText``).
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table with a header line, indented by `indent`.
    func render(indent: String = "  ") -> String {
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                let last = i == cells.count - 1
                parts.append(alignments[i] == .right ? pad + c : (last ? c : c + pad))
            }
            return indent + parts.joined(separator: "  ")
        }
        var out = line(headers) + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}
