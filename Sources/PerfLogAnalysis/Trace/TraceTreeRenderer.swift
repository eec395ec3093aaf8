/// `perflog trace`'s text: a header, then one row per span with its offset from the root's start,
/// duration, status and op indented by depth (two spaces a level); an error adds its type.
///
/// ```
/// trace 4bf92f3577b34da6a3ce929d0e0e4736: 3 spans, 2 log lines
///   offset_ms  duration_ms  status  op
///       0.000       52.000     200  api.POST /api/v1/chat/message
///       1.000       45.000       -    llm.respond
///      46.500        4.250       -    db.insert_message  error: Timeout
/// ```
public enum TraceTreeRenderer {
    /// Renders the tree of `traceID`.
    public static func render(traceID: String, tree: TraceTree, otherLines: Int) -> String {
        let n = tree.rows.count
        var out =
            "trace \(traceID): \(n) \(n == 1 ? "span" : "spans"), \(otherLines) log \(otherLines == 1 ? "line" : "lines")"
        if tree.orphans > 0 { out += ", \(tree.orphans) without their parent in the logs" }
        if tree.duplicates > 0 {
            out += ", \(tree.duplicates) duplicate span \(tree.duplicates == 1 ? "id" : "ids") skipped"
        }
        out += "\n"
        out += "  offset_ms  duration_ms  status  op\n"
        for row in tree.rows {
            let s = row.span
            out +=
                pad(ms(row.offsetMs), 11) + "  " + pad(ms(s.durationMs), 11) + "  "
                + pad(s.status.map(String.init) ?? "-", 6) + "  "
                + String(repeating: "  ", count: row.depth) + TerminalText.neutralize(s.op)
            if s.isError { out += "  error: " + TerminalText.neutralize(s.error ?? "-") }
            out += "\n"
        }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// Milliseconds with three decimals (microseconds), e.g. `12.345`.
    static func ms(_ v: Double) -> String { JSONWriter.fixed(v, decimals: 3) }
}
