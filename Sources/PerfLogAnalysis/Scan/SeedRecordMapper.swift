import PerfLog

/// Maps lines written by the seed's Python `PerformanceLogger` onto ``ScannedRecord``'s fields.
///
/// The seed writes `{"timestamp": "2026-11-28 10:00:00,123", "level": "INFO", "logger":
/// "performance", "message": {"event_type": …, "timestamp": …, "metrics": {…}}}` with durations
/// and thresholds in seconds. The mapping is documented in `docs/SEED-FORMAT.md`; in short:
/// - ts ← `message.timestamp` (Python's `utcnow().isoformat()`, UTC), else the outer `timestamp`
///   (the logging module's local time, taken as UTC);
/// - msg ← `message.event_type`; meta ← `message.metrics`;
/// - event ← `slow_query` when `event_type` is `slow_query`, else `perf` when the metrics carry a
///   duration, else the `event_type` itself;
/// - op ← `metrics.op`, `metrics.operation`, `metrics.name`, else `db.query` for slow queries,
///   else the `event_type`;
/// - duration_ms ← `metrics.duration` × 1000 (or `metrics.duration_ms` as is); threshold_ms
///   likewise; query ← `metrics.query`; status ← `metrics.status` or `metrics.status_code`;
/// - outcome ← `metrics.outcome`, else `metrics.success` (`true` → success, `false` → error), else
///   `error` when `metrics.error` is present; error ← `metrics.error` or `metrics.error_type`.
///
/// Fields the line sets at the top level (v1 keys) are never overwritten. A line that merely uses
/// `timestamp`/`message` as plain strings (other JSON loggers) gets ts and msg from them.
enum SeedRecordMapper {
    static func map(
        _ r: inout ScannedRecord, timestamp: JSONValueRef?, message: JSONValueRef?,
        timestamps: inout TimestampParser
    ) {
        var inner: JSONValueRef?
        if let m = message {
            if m.kind == .object {
                mapMessage(&r, m, inner: &inner)
            } else if r.msg == nil {
                r.msg = m
            }
        }
        if r.timestamp == nil {
            for candidate in [inner, timestamp] {
                guard let t = candidate, t.kind == .string, !t.hasEscapes, let v = timestamps.parse(t.raw) else {
                    continue
                }
                r.timestamp = v
                r.tsRaw = t
                break
            }
        }
    }

    private static func member(_ object: JSONValueRef, _ name: StaticString) -> JSONValueRef? {
        JSONObjectWalker.member(of: object.raw, named: StaticText.bytes(name))
    }

    private static func mapMessage(_ r: inout ScannedRecord, _ message: JSONValueRef, inner: inout JSONValueRef?) {
        let eventType = member(message, "event_type")
        let metrics = member(message, "metrics")
        guard eventType != nil || metrics != nil else { return }
        r.source = .seed
        if r.scratch == nil { r.scratch = NumberScratch() }  // once per record, reused by later lines
        inner = member(message, "timestamp")
        if r.msg == nil { r.msg = eventType }
        let isSlowQuery = eventType.map { $0.kind == .string && LineScanner.equals($0.raw, "slow_query") } ?? false
        if let metrics, metrics.kind == .object {
            if r.meta == nil { r.meta = metrics }
            if r.durationMs == nil && r.durationRaw == nil {
                if let d = member(metrics, "duration") {
                    r.durationMs = seconds(d)
                } else if let d = member(metrics, "duration_ms") {
                    r.durationMs = LineScanner.milliseconds(d)
                }
            }
            if r.thresholdMs == nil && r.thresholdRaw == nil {
                if let t = member(metrics, "threshold") {
                    r.thresholdMs = seconds(t)
                } else if let t = member(metrics, "threshold_ms") {
                    r.thresholdMs = LineScanner.milliseconds(t)
                }
            }
            if r.query == nil { r.query = member(metrics, "query") }
            if r.op == nil {
                r.op = member(metrics, "op") ?? member(metrics, "operation") ?? member(metrics, "name")
            }
            if r.status == nil && r.statusRaw == nil {
                if let s = member(metrics, "status") ?? member(metrics, "status_code") {
                    r.statusRaw = s
                    r.status = LineScanner.integer(s)
                }
            }
            if r.error == nil { r.error = member(metrics, "error") ?? member(metrics, "error_type") }
            if r.outcome == nil {
                if let o = member(metrics, "outcome"), o.kind == .string {
                    r.outcome = o
                } else if let s = member(metrics, "success"), s.kind == .bool {
                    r.outcome = StaticText.string(s.raw.first == UInt8(ascii: "t") ? "success" : "error")
                } else if let e = r.error, e.kind != .null {
                    r.outcome = StaticText.string("error")
                }
            }
        }
        if r.op == nil {
            r.op = isSlowQuery ? StaticText.string("db.query") : eventType
        }
        if r.eventRaw == nil {
            if isSlowQuery {
                r.event = .slowQuery
                r.eventRaw = StaticText.string("slow_query")
            } else if r.durationMs != nil {
                r.event = .perf
                r.eventRaw = StaticText.string("perf")
            } else if let e = eventType {
                r.event = .other
                r.eventRaw = e
            }
        }
    }

    /// Seconds (a number or a numeric string) as milliseconds, exact in decimal.
    private static func seconds(_ v: JSONValueRef) -> Double? {
        guard v.kind == .number || (v.kind == .string && !v.hasEscapes),
            let x = DecimalParser.parse(v.raw, scale: 3), x.isFinite, x >= 0
        else { return nil }
        return x
    }
}
