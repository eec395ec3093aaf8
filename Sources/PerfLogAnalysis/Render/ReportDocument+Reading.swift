import Foundation

/// Why a saved report could not be read: not JSON, another schema, or a section that does not
/// follow `perflog.report/1`.
public struct ReportReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `not a perflog.report/1 report (schema: other/1)`.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

extension ReportDocument {
    /// Reads a saved report (`perflog analyze|slow|errors --format json`).
    ///
    /// Group fields come back in name order; numbers as written (durations with three decimals).
    ///
    /// - Throws: ``ReportReadError`` when `json` is not a `perflog.report/1` report.
    public init(json: Data) throws(ReportReadError) {
        do {
            self = try JSONDecoder().decode(ReportDocument.self, from: json)
        } catch let error as ReportReadError {
            throw error
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw ReportReadError("not valid JSON: \(context.debugDescription)")
        } catch let error as DecodingError {
            throw ReportReadError("not a \(Self.schema) report: \(Self.describe(error))")
        } catch {
            throw ReportReadError("not valid JSON: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c)) has no \(key.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension ReportDocument: Decodable {
    /// Any key of an object (group fields have the names `--by` gave them).
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let latencyKeys: Set<String> = [
        "window_start", "count", "errors", "error_rate", "mean_ms", "min_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms",
        "p999_ms", "max_ms",
    ]
    static let errorKeys: Set<String> = ["window_start", "count", "errors", "error_rate", "status_4xx", "status_5xx"]

    /// Decodes a report; ``init(json:)`` is the entry point, with typed errors.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let schema = (try? c.decodeIfPresent(String.self, forKey: Key("schema"))) ?? nil
        guard schema == Self.schema else {
            throw ReportReadError("not a \(Self.schema) report (schema: \(schema ?? "missing"))")
        }
        let i = try c.nestedContainer(keyedBy: Key.self, forKey: Key("input"))
        input = Input(
            files: try i.decode(Int.self, forKey: Key("files")), bytes: try i.decode(UInt64.self, forKey: Key("bytes")),
            lines: try i.decode(Int64.self, forKey: Key("lines")),
            events: try i.decode(Int64.self, forKey: Key("events")),
            malformed: try i.decode(Int64.self, forKey: Key("malformed")),
            recovered: try i.decodeIfPresent(Int64.self, forKey: Key("recovered")),
            recoveredBytes: try i.decodeIfPresent(Int64.self, forKey: Key("recovered_bytes")),
            from: try i.decodeIfPresent(String.self, forKey: Key("from")),
            to: try i.decodeIfPresent(String.self, forKey: Key("to")),
            outOfRangeDurations: try i.decodeIfPresent(Int64.self, forKey: Key("out_of_range_durations")))
        var fields: [String]?
        var sawWindow = false
        /// The group of a row: every key that is not a statistic, in name order, the same in every row.
        func group(_ row: KeyedDecodingContainer<Key>, _ section: String, _ index: Int, statistics: Set<String>) throws
            -> [GroupValue]
        {
            let names = row.allKeys.map(\.stringValue).filter { !statistics.contains($0) }.sorted()
            if let fields, fields != names {
                throw ReportReadError(
                    "\(section) entry \(index + 1) has group fields \(names) but the first has \(fields)")
            }
            fields = names
            if row.contains(Key("window_start")) { sawWindow = true }
            return try names.map { try row.decode(GroupScalar.self, forKey: Key($0)).value }
        }
        if c.contains(Key("latency")) {
            var rows = try c.nestedUnkeyedContainer(forKey: Key("latency"))
            var latency: [LatencyRow] = []
            while !rows.isAtEnd {
                let index = rows.currentIndex
                let row = try rows.nestedContainer(keyedBy: Key.self)
                func ms(_ k: String) throws -> Double? { try row.decodeIfPresent(Double.self, forKey: Key(k)) }
                latency.append(
                    LatencyRow(
                        group: try group(row, "latency", index, statistics: Self.latencyKeys),
                        windowStart: try row.decodeIfPresent(String.self, forKey: Key("window_start")),
                        count: try row.decode(Int64.self, forKey: Key("count")),
                        errors: try row.decode(Int64.self, forKey: Key("errors")),
                        errorRate: try row.decode(Double.self, forKey: Key("error_rate")), meanMs: try ms("mean_ms"),
                        minMs: try ms("min_ms"), p50Ms: try ms("p50_ms"), p90Ms: try ms("p90_ms"),
                        p95Ms: try ms("p95_ms"),
                        p99Ms: try ms("p99_ms"), p999Ms: try ms("p999_ms"), maxMs: try ms("max_ms")))
            }
            self.latency = latency
        }
        if c.contains(Key("slow_queries")) {
            let s = try c.nestedContainer(keyedBy: Key.self, forKey: Key("slow_queries"))
            var list = try s.nestedUnkeyedContainer(forKey: Key("groups"))
            var groups: [SlowGroup] = []
            while !list.isAtEnd {
                let g = try list.nestedContainer(keyedBy: Key.self)
                func d(_ k: String) throws -> Double { try g.decode(Double.self, forKey: Key(k)) }
                groups.append(
                    SlowGroup(
                        fingerprint: try g.decode(String.self, forKey: Key("fingerprint")),
                        count: try g.decode(Int64.self, forKey: Key("count")),
                        totalMs: try d("total_ms"), meanMs: try d("mean_ms"), p95Ms: try d("p95_ms"),
                        maxMs: try d("max_ms"),
                        first: try g.decodeIfPresent(String.self, forKey: Key("first")),
                        last: try g.decodeIfPresent(String.self, forKey: Key("last")),
                        ops: try g.decode([String].self, forKey: Key("ops")),
                        example: try g.decode(String.self, forKey: Key("example"))))
            }
            slowQueries = SlowQueries(
                thresholdMs: try s.decode(Double.self, forKey: Key("threshold_ms")),
                count: try s.decode(Int64.self, forKey: Key("count")),
                groups: groups)
        }
        if c.contains(Key("errors")) {
            let e = try c.nestedContainer(keyedBy: Key.self, forKey: Key("errors"))
            func counts(_ row: KeyedDecodingContainer<Key>, group: [GroupValue]) throws -> ErrorRow {
                ErrorRow(
                    group: group, windowStart: try row.decodeIfPresent(String.self, forKey: Key("window_start")),
                    count: try row.decode(Int64.self, forKey: Key("count")),
                    errors: try row.decode(Int64.self, forKey: Key("errors")),
                    errorRate: try row.decode(Double.self, forKey: Key("error_rate")),
                    status4xx: try row.decode(Int64.self, forKey: Key("status_4xx")),
                    status5xx: try row.decode(Int64.self, forKey: Key("status_5xx")))
            }
            let total = try counts(try e.nestedContainer(keyedBy: Key.self, forKey: Key("total")), group: [])
            var list = try e.nestedUnkeyedContainer(forKey: Key("groups"))
            var rows: [ErrorRow] = []
            while !list.isAtEnd {
                let index = list.currentIndex
                let row = try list.nestedContainer(keyedBy: Key.self)
                rows.append(try counts(row, group: try group(row, "errors", index, statistics: Self.errorKeys)))
            }
            var top = try e.nestedUnkeyedContainer(forKey: Key("top_errors"))
            var topErrors: [TopError] = []
            while !top.isAtEnd {
                let t = try top.nestedContainer(keyedBy: Key.self)
                topErrors.append(
                    TopError(
                        error: try t.decodeIfPresent(String.self, forKey: Key("error")),
                        count: try t.decode(Int64.self, forKey: Key("count"))))
            }
            errors = Errors(total: total, groups: rows, topErrors: topErrors)
        }
        if c.contains(Key("metrics")) { metrics = try c.decode([MetricRow].self, forKey: Key("metrics")) }
        groupFields = fields ?? []
        windowed = sawWindow
    }

    /// A group value as JSON holds it: `null` (the field was missing), a boolean, a number (its
    /// shortest text) or a string.
    struct GroupScalar: Decodable {
        var value: GroupValue

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                value = .missing
            } else if let b = try? c.decode(Bool.self) {
                value = .literal(b ? "true" : "false")
            } else if let n = try? c.decode(Double.self) {
                value = .number(n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))
            } else {
                value = .string(try c.decode(String.self))
            }
        }
    }
}
