import Foundation

/// One side of a `diff`: per-group statistics from an analysis of logs, or from a saved
/// `perflog analyze --format json` report (`perflog.report/1`).
public struct DiffSide: Sendable {
    /// The group fields (`["op"]` by default).
    public var fields: [String]
    /// Groups in the side's order (busiest first), keyed by their values joined with `, `.
    public var groups: [(key: String, stats: DiffStats)]
    /// Whether the side's input was incomplete (malformed lines, truncated archives).
    public var isIncomplete: Bool

    /// A side from its group fields and groups, in order.
    public init(fields: [String], groups: [(key: String, stats: DiffStats)], isIncomplete: Bool = false) {
        self.fields = fields
        self.groups = groups
        self.isIncomplete = isIncomplete
    }

    /// The side from an engine result (windows, if any, are merged). Fields are taken in name
    /// order, as from a saved report, so `--by status,op` and `--by op,status` compare.
    public init(result: AnalysisResult) {
        let names = result.spec.groupBy.map(\.description)
        let order = names.indices.sorted { names[$0] < names[$1] }
        fields = order.map { names[$0] }
        groups = result.collapsingWindows().map { c in
            (order.map { c.group[$0].description }.joined(separator: ", "), DiffStats(c))
        }
        isIncomplete = result.isIncomplete
    }

    /// Whether `prefix` (the first bytes of a file) starts a `perflog.report/…` JSON object:
    /// `{`, then `"schema"` as the first key (whitespace allowed anywhere JSON allows it).
    public static func looksLikeReport(_ prefix: some Collection<UInt8>) -> Bool {
        var it = Array(prefix.prefix(256))[...]
        func skipSpace() {
            while let c = it.first, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { it = it.dropFirst() }
        }
        func take(_ s: String) -> Bool {
            let b = Array(s.utf8)
            guard it.starts(with: b) else { return false }
            it = it.dropFirst(b.count)
            return true
        }
        skipSpace()
        guard take("{") else { return false }
        skipSpace()
        guard take("\"schema\"") else { return false }
        skipSpace()
        guard take(":") else { return false }
        skipSpace()
        return take("\"perflog.report/")
    }

    /// Reads a saved report (`perflog.report/1`); `file` names it in errors.
    ///
    /// - Throws: ``DiffInputError`` when it is not a `perflog.report/1` latency report, or has
    ///   time windows (`--every`), or lists a group twice.
    public static func parseReport(_ data: Data, file: String) throws(DiffInputError) -> DiffSide {
        func fail(_ m: String) -> DiffInputError { DiffInputError(file: file, message: m) }
        let report: ReportDocument
        do { report = try ReportDocument(json: data) } catch { throw fail(error.message) }
        guard let latency = report.latency else {
            throw fail("the report has no latency section (write it with `perflog analyze --format json`)")
        }
        if report.windowed {
            throw fail("the report has time windows (--every); diff needs a report without --every")
        }
        var groups: [(String, DiffStats)] = []
        var seen: Set<String> = []
        for (i, row) in latency.enumerated() {
            let key = row.group.map(\.description).joined(separator: ", ")
            guard seen.insert(key).inserted else { throw fail("latency entry \(i + 1): group '\(key)' appears twice") }
            groups.append(
                (
                    key,
                    DiffStats(
                        count: row.count, errors: row.errors, p50Ms: row.p50Ms, p95Ms: row.p95Ms, p99Ms: row.p99Ms)
                ))
        }
        let fields = report.groupFields.isEmpty ? ["op"] : report.groupFields
        return DiffSide(fields: fields, groups: groups, isIncomplete: report.input.malformed > 0)
    }
}

/// A `diff` input that could not be used.
public struct DiffInputError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// What is wrong.
    public var message: String

    /// An error about `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
