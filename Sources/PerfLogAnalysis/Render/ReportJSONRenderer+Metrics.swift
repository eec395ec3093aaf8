import PerfLog

extension ReportJSONRenderer {
    /// A metric value: an integer when it is one (below 1e15), else three decimals; `null` when
    /// absent or not finite.
    static func metricNumber(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        if v == v.rounded(), v.magnitude < 1e15 { return String(Int64(v)) }
        return JSONWriter.fixed(v, decimals: 3)
    }

    /// The `metrics` array (docs/REPORT.md): one object per series (and window).
    static func writeMetrics(_ r: AnalysisResult, _ w: inout JSONWriter) {
        w.beginArray()
        for m in r.metrics {
            w.beginObject()
            w.key("kind"); w.string(m.kind.rawValue)
            w.key("op"); w.string(m.op)
            w.key("status"); if let s = m.status { w.int(s) } else { w.null() }
            w.key("labels")
            w.beginObject()
            for l in m.labels { w.key(l.key); w.string(l.value) }
            w.endObject()
            if r.spec.everyMicroseconds != nil { w.key("window_start"); w.string(m.windowStart?.description) }
            w.key("lines"); w.int(m.lines)
            switch m.kind {
            case .counter:
                w.key("delta"); w.raw(metricNumber(m.delta))
                w.key("total"); w.raw(metricNumber(m.total))
                w.key("rate_per_s"); w.raw(metricNumber(m.ratePerSecond))
            case .gauge, .meter:
                w.key("last"); w.raw(metricNumber(m.last))
                w.key("min"); w.raw(metricNumber(m.min))
                w.key("mean"); w.raw(metricNumber(m.mean))
                w.key("max"); w.raw(metricNumber(m.max))
            case .recorder:
                w.key("count"); w.int(m.count)
                w.key("sum"); w.raw(metricNumber(m.sum))
                w.key("mean"); w.raw(metricNumber(m.mean))
                w.key("min"); w.raw(metricNumber(m.min))
                w.key("max"); w.raw(metricNumber(m.max))
                w.key("last"); w.raw(metricNumber(m.last))
            }
            w.endObject()
        }
        w.endArray()
    }
}
