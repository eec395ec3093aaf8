/// The records the writer itself adds to the log (logger `perflog`, level `warning`), described
/// in `docs/FORMAT.md` section 1 ("Writer records"):
///
/// - `dropped`: lines accepted but not written (queue overflow, I/O failure), with their `count`.
/// - `recovered`: bytes after the last `\n` of a file (a line torn by a crash) cut at start, with
///   the `file` they were cut from and their number (`bytes`).
///
/// ```json
/// {"ts":"2026-11-28T10:00:00.000000Z","level":"warning","logger":"perflog","msg":"dropped events","event":"dropped","count":12}
/// {"ts":"2026-11-28T10:00:00.000000Z","level":"warning","logger":"perflog","msg":"torn line cut at recovery","event":"recovered","file":"app.log","bytes":37}
/// ```
enum WriterRecord {
    /// The `dropped events` line for `count` lines.
    static func dropped(count: UInt64, at time: Timestamp) -> [UInt8] {
        var e = LineEncoder(capacity: 160)
        head(&e, time, msg: "dropped events", event: "dropped")
        e.appendStatic(",\"count\":")
        e.appendInt(Int64(clamping: count))
        e.appendStatic("}\n")
        return e.bytes
    }

    /// The `recovered` line for `bytes` cut from the end of `file` (a name in the log directory).
    static func recovered(file: String, bytes: Int64, at time: Timestamp) -> [UInt8] {
        var e = LineEncoder(capacity: 200)
        head(&e, time, msg: "torn line cut at recovery", event: "recovered")
        e.appendStatic(",\"file\":")
        e.appendString(file)
        e.appendStatic(",\"bytes\":")
        e.appendInt(bytes)
        e.appendStatic("}\n")
        return e.bytes
    }

    private static func head(_ e: inout LineEncoder, _ time: Timestamp, msg: StaticString, event: StaticString) {
        e.appendStatic("{\"ts\":")
        e.appendTimestamp(time)
        e.appendStatic(",\"level\":\"warning\",\"logger\":\"perflog\",\"msg\":\"")
        e.appendStatic(msg)
        e.appendStatic("\",\"event\":\"")
        e.appendStatic(event)
        e.appendByte(0x22)
    }
}
