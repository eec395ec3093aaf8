extension ReportDocument {
    /// The report as one line of JSON followed by a newline.
    public var jsonLine: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("schema")
        w.string(Self.schema)
        w.key("input")
        input.write(&w)
        if let latency {
            w.key("latency")
            w.beginArray()
            for row in latency { write(row, &w) }
            w.endArray()
        }
        if let slowQueries {
            w.key("slow_queries")
            write(slowQueries, &w)
        }
        if let errors {
            w.key("errors")
            write(errors, &w)
        }
        if let metrics {
            w.key("metrics")
            w.beginArray()
            for m in metrics { write(m, &w) }
            w.endArray()
        }
        w.endObject()
        return w.output + "\n"
    }

    static func milliseconds(_ value: Double) -> String { JSONWriter.fixed(value, decimals: 3) }
    static func rate(_ fraction: Double) -> String { JSONWriter.fixed(fraction, decimals: 6) }

    func writeGroup(_ group: [GroupValue], _ windowStart: String?, _ w: inout JSONWriter) {
        for (name, value) in zip(groupFields, group) {
            w.key(name)
            w.raw(value.jsonText)
        }
        if windowed {
            w.key("window_start")
            w.string(windowStart)
        }
    }

    func write(_ row: LatencyRow, _ w: inout JSONWriter) {
        w.beginObject()
        writeGroup(row.group, row.windowStart, &w)
        w.key("count")
        w.int(row.count)
        w.key("errors")
        w.int(row.errors)
        w.key("error_rate")
        w.raw(Self.rate(row.errorRate))
        for (k, v) in [
            ("mean_ms", row.meanMs), ("min_ms", row.minMs), ("p50_ms", row.p50Ms), ("p90_ms", row.p90Ms),
            ("p95_ms", row.p95Ms), ("p99_ms", row.p99Ms), ("p999_ms", row.p999Ms), ("max_ms", row.maxMs),
        ] {
            w.key(k)
            if let v { w.raw(Self.milliseconds(v)) } else { w.null() }
        }
        w.endObject()
    }

    func write(_ slow: SlowQueries, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("threshold_ms")
        w.raw(Self.milliseconds(slow.thresholdMs))
        w.key("count")
        w.int(slow.count)
        w.key("groups")
        w.beginArray()
        for g in slow.groups {
            w.beginObject()
            w.key("fingerprint")
            w.string(g.fingerprint)
            w.key("count")
            w.int(g.count)
            w.key("total_ms")
            w.raw(Self.milliseconds(g.totalMs))
            w.key("mean_ms")
            w.raw(Self.milliseconds(g.meanMs))
            w.key("p95_ms")
            w.raw(Self.milliseconds(g.p95Ms))
            w.key("max_ms")
            w.raw(Self.milliseconds(g.maxMs))
            w.key("first")
            w.string(g.first)
            w.key("last")
            w.string(g.last)
            w.key("ops")
            w.beginArray()
            for op in g.ops { w.string(op) }
            w.endArray()
            w.key("example")
            w.string(g.example)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func writeCounts(_ e: ErrorRow, _ w: inout JSONWriter) {
        w.key("count")
        w.int(e.count)
        w.key("errors")
        w.int(e.errors)
        w.key("error_rate")
        w.raw(rate(e.errorRate))
        w.key("status_4xx")
        w.int(e.status4xx)
        w.key("status_5xx")
        w.int(e.status5xx)
    }

    func write(_ errors: Errors, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("total")
        w.beginObject()
        Self.writeCounts(errors.total, &w)
        w.endObject()
        w.key("groups")
        w.beginArray()
        for row in errors.groups {
            w.beginObject()
            writeGroup(row.group, row.windowStart, &w)
            Self.writeCounts(row, &w)
            w.endObject()
        }
        w.endArray()
        w.key("top_errors")
        w.beginArray()
        for e in errors.topErrors {
            w.beginObject()
            w.key("error")
            w.string(e.error)
            w.key("count")
            w.int(e.count)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
