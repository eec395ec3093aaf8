import PerfLog

/// Renders a result as the versioned JSON schema `perflog.report/1` (docs/REPORT.md), keys in the
/// documented order, durations in milliseconds with three decimals, rates as fractions with six.
public enum ReportJSONRenderer {
    /// The schema identifier written in every report.
    public static let schema = "perflog.report/1"

    /// The report as one line of JSON followed by a newline.
    public static func render(_ r: AnalysisResult, kind: ReportKind) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("schema"); w.string(schema)
        w.key("input"); writeInput(r.input, &w)
        if kind == .analyze {
            w.key("latency"); writeLatency(r, &w)
        }
        if kind == .analyze || kind == .slow {
            w.key("slow_queries"); writeSlow(r, &w)
        }
        if kind == .analyze || kind == .errors {
            w.key("errors"); writeErrors(r, &w)
        }
        w.endObject()
        return w.output + "\n"
    }

    static func ms(_ ns: Double) -> String { UnitFormat.milliseconds(nanoseconds: ns) }
    static func rate(_ f: Double) -> String { JSONWriter.fixed(f, decimals: 6) }

    static func writeInput(_ i: InputStats, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("files"); w.int(i.files)
        w.key("bytes"); w.raw(String(i.bytes))
        w.key("lines"); w.int(i.lines)
        w.key("events"); w.int(i.events)
        w.key("malformed"); w.int(i.malformed)
        w.key("from"); w.string(i.from?.description)
        w.key("to"); w.string(i.to?.description)
        if i.outOfRangeDurations > 0 { w.key("out_of_range_durations"); w.int(i.outOfRangeDurations) }
        w.endObject()
    }

    static func writeGroup(_ r: AnalysisResult, _ c: LatencyCell, _ w: inout JSONWriter) {
        for (path, value) in zip(r.spec.groupBy, c.group) {
            w.key(path.description)
            w.raw(value.jsonText)
        }
        if r.spec.everyMicroseconds != nil {
            w.key("window_start"); w.string(c.windowStart?.description)
        }
    }

    static func writeLatency(_ r: AnalysisResult, _ w: inout JSONWriter) {
        w.beginArray()
        for c in r.rows {
            let s = LatencySummary(c.latency)
            w.beginObject()
            writeGroup(r, c, &w)
            w.key("count"); w.int(s.count)
            w.key("errors"); w.int(c.errors.errors)
            w.key("error_rate"); w.raw(rate(c.errors.errorRate))
            for (k, v) in [("mean_ms", s.mean), ("min_ms", s.min), ("p50_ms", s.p50), ("p90_ms", s.p90),
                           ("p95_ms", s.p95), ("p99_ms", s.p99), ("p999_ms", s.p999), ("max_ms", s.max)] {
                w.key(k)
                if s.count == 0 { w.null() } else { w.raw(ms(v)) }
            }
            w.endObject()
        }
        w.endArray()
    }

    static func writeSlow(_ r: AnalysisResult, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("threshold_ms"); w.raw(JSONWriter.fixed(r.spec.slowThresholdMilliseconds, decimals: 3))
        w.key("count"); w.int(r.slowCount)
        w.key("groups")
        w.beginArray()
        for g in r.slowGroups {
            let s = LatencySummary(g.stats)
            w.beginObject()
            w.key("fingerprint"); w.string(g.fingerprint)
            w.key("count"); w.int(s.count)
            w.key("total_ms"); w.raw(ms(Double(g.stats.sumNanoseconds)))
            w.key("mean_ms"); w.raw(ms(s.mean))
            w.key("p95_ms"); w.raw(ms(s.p95))
            w.key("max_ms"); w.raw(ms(s.max))
            w.key("first"); w.string(g.first?.description)
            w.key("last"); w.string(g.last?.description)
            w.key("ops")
            w.beginArray()
            for op in g.ops.sorted() { w.string(op) }
            w.endArray()
            w.key("example"); w.string(g.fingerprint)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func writeCounts(_ e: ErrorCounts, _ w: inout JSONWriter) {
        w.key("count"); w.int(e.count)
        w.key("errors"); w.int(e.errors)
        w.key("error_rate"); w.raw(rate(e.errorRate))
        w.key("status_4xx"); w.int(e.status4xx)
        w.key("status_5xx"); w.int(e.status5xx)
    }

    static func writeErrors(_ r: AnalysisResult, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("total")
        w.beginObject()
        writeCounts(r.errorsTotal, &w)
        w.endObject()
        w.key("groups")
        w.beginArray()
        for c in r.rows {
            w.beginObject()
            writeGroup(r, c, &w)
            writeCounts(c.errors, &w)
            w.endObject()
        }
        w.endArray()
        w.key("top_errors")
        w.beginArray()
        for e in r.topErrors {
            w.beginObject()
            w.key("error"); w.string(e.error)
            w.key("count"); w.int(e.count)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
