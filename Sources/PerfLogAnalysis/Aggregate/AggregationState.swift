import PerfLog

/// The statistics of one worker, as a value: the ``Aggregator`` class wraps it so that a whole
/// chunk is recorded under one exclusive access (no per-record exclusivity checks).
struct AggregationState {
    /// What this state computes.
    let spec: AnalysisSpec
    let thresholdNanoseconds: Int64
    /// Fingerprints slow queries again, in the spec's SQL dialect.
    let fingerprinter: QueryFingerprint

    var cellTable = ByteKeyTable()
    var cells: [LatencyCell] = []
    var total = ErrorCounts()

    var slowTable = ByteKeyTable()
    var slowGroups: [SlowQueryGroup] = []
    var slowCount: Int64 = 0

    var errorTypeTable = ByteKeyTable()
    var errorTypes: [(name: String?, count: Int64)] = []

    /// Input statistics (lines, malformed, …) of what this worker saw.
    var input = InputStats()
    var metricTable = ByteKeyTable()
    /// Metric series (counters, gauges, meters, recorders, resource samples), per window.
    var metrics: [MetricSeriesStats] = []
    let metricKey = KeyBuilder(capacity: 128)

    /// Which watched fields occurred (see ``AnalysisSpec/watchedFields``).
    var census: FieldCensus

    /// The group key being built for the current record (reused, so no allocation per record).
    let scratch = KeyBuilder(capacity: 256)
    let errorKey = KeyBuilder(capacity: 64)
    var scratch2: [UInt8] = []
    var fingerprintScratch: [UInt8] = []

    init(spec: AnalysisSpec) {
        self.spec = spec
        self.thresholdNanoseconds = LatencyStats.nanoseconds(milliseconds: spec.slowThresholdMilliseconds)
        self.fingerprinter = QueryFingerprint(dialect: spec.sqlDialect)
        census = FieldCensus(watched: spec.watchedFields)
        scratch2.reserveCapacity(64)
    }

    // MARK: Recording

    /// Records one record given as plain values (the entry point for tests and non-scanner
    /// producers). The caller has already applied any filter.
    ///
    /// - Parameters:
    ///   - group: the record's values for ``AnalysisSpec/groupBy``, in order.
    ///   - timestamp: the record's `ts`, if any.
    ///   - event: the record's kind; only `.perf` feeds latency and errors.
    ///   - durationMs: `duration_ms`, in milliseconds.
    ///   - isError: whether the outcome is an error.
    ///   - status: the HTTP status, if any.
    ///   - errorType: the `error` field, if any.
    ///   - op: the `op` field (listed for slow queries).
    ///   - query: the `query` field (fingerprinted again here).
    mutating func record(
        group: [GroupValue], timestamp: Timestamp?, event: EventClass, durationMs: Double?,
        isError: Bool, status: Int?, errorType: String?, op: String?, query: String?
    ) {
        scratch.removeAll()
        for v in group { v.appendKey(to: scratch) }
        var e = errorType ?? ""
        var o = op ?? ""
        var q = query ?? ""
        e.withUTF8 { eb in
            o.withUTF8 { ob in
                q.withUTF8 { qb in
                    recordPrepared(
                        timestamp: timestamp, event: event, durationMs: durationMs, isError: isError, status: status,
                        errorType: errorType == nil
                            ? nil : JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(eb)),
                        op: op == nil ? nil : JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(ob)),
                        query: query == nil ? nil : JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(qb)))
                }
            }
        }
    }

    /// Records a scanned record that passed the filter, grouped by `fields` (the spec's
    /// ``AnalysisSpec/groupBy``). The hot path of every analyzer command. `record` is only read:
    /// it is `inout` so that its 512 bytes are passed by address, not copied for every line.
    @inline(__always)
    mutating func record(scanned record: inout ScannedRecord, fields: [GroupField]) {
        scratch.removeAll()
        for field in fields { GroupValue.appendKey(field.value(in: &record), to: scratch) }
        let event: EventClass
        switch record.event {
        case .perf: event = .perf
        case .slowQuery: event = .slowQuery
        case .none: event = .other
        case .other:
            event = .other
            recordMetric(&record)
        }
        recordPrepared(
            timestamp: record.timestamp, event: event, durationMs: record.durationMs, isError: record.isError,
            status: record.status, errorType: record.error, op: record.op, query: record.query)
    }

    /// Records a record whose group key is already in ``scratch`` (built with
    /// `GroupValue.appendKey`). No allocation unless the group, fingerprint or error type is new
    /// (and for slow records, which are rare).
    mutating func recordPrepared(
        timestamp: Timestamp?, event: EventClass, durationMs: Double?, isError: Bool, status: Int?,
        errorType: JSONValueRef?, op: JSONValueRef?, query: JSONValueRef?
    ) {
        input.events += 1
        if let ts = timestamp {
            if input.from == nil || ts < input.from! { input.from = ts }
            if input.to == nil || ts > input.to! { input.to = ts }
        }
        var durationNs: Int64?
        if let ms = durationMs, event != .other {
            // `!(ms <= max)` also catches NaN.
            if ms <= LatencyStats.maxMilliseconds {
                durationNs = LatencyStats.nanoseconds(milliseconds: ms)
            } else {
                input.outOfRangeDurations += 1
            }
        }
        switch event {
        case .perf:
            let groupLength = scratch.count
            var window: Timestamp?
            if let every = spec.everyMicroseconds, every > 0, let ts = timestamp {
                var q = ts.microseconds / every
                if ts.microseconds % every < 0 { q -= 1 }
                let start = q * every
                window = Timestamp(microseconds: start)
                scratch.append(byte: 1)
                scratch.append(start)
            } else {
                scratch.append(byte: 0)
            }
            let (index, inserted) = cellTable.findOrInsert(scratch.bytes)
            if inserted {
                let values = GroupValue.decode(
                    UnsafeRawBufferPointer(rebasing: scratch.bytes[0..<groupLength]), count: spec.groupBy.count)
                cells.append(LatencyCell(group: values, windowStart: window))
            }
            cells[index].errors.record(isError: isError, status: status)
            if let ns = durationNs { cells[index].latency.record(nanoseconds: ns) }
            total.record(isError: isError, status: status)
            if isError { countErrorType(errorType) }
            if let query, let ns = durationNs, ns >= thresholdNanoseconds {
                recordSlow(query: query, durationNs: ns, timestamp: timestamp, op: op)
            }
        case .slowQuery:
            if let ns = durationNs, ns >= thresholdNanoseconds {
                recordSlow(query: query, durationNs: ns, timestamp: timestamp, op: op)
            }
        case .other:
            break
        }
    }

    private mutating func countErrorType(_ ref: JSONValueRef?) {
        errorKey.removeAll()
        GroupValue.appendKey(ref, to: errorKey)
        let (index, inserted) = errorTypeTable.findOrInsert(errorKey.bytes)
        if inserted {
            let name: String? = ref.map { $0.kind == .string ? $0.string : String(decoding: $0.raw, as: UTF8.self) }
            errorTypes.append((name, 0))
        }
        errorTypes[index].count += 1
    }

    private mutating func recordSlow(query: JSONValueRef?, durationNs: Int64, timestamp: Timestamp?, op: JSONValueRef?)
    {
        slowCount += 1
        if let query {
            SlowQueryFingerprinter.fingerprint(
                query, with: fingerprinter, into: &fingerprintScratch, unescaped: &scratch2)
        } else {
            fingerprintScratch.removeAll(keepingCapacity: true)
        }
        let (index, inserted) = fingerprintScratch.withUnsafeBytes { slowTable.findOrInsert($0) }
        if inserted {
            slowGroups.append(SlowQueryGroup(fingerprint: String(decoding: fingerprintScratch, as: UTF8.self)))
        }
        slowGroups[index].stats.record(nanoseconds: durationNs)
        if let ts = timestamp {
            if slowGroups[index].first == nil || ts < slowGroups[index].first! { slowGroups[index].first = ts }
            if slowGroups[index].last == nil || ts > slowGroups[index].last! { slowGroups[index].last = ts }
        }
        if let op { slowGroups[index].ops.insert(op.string) }
    }

    // MARK: Input accounting

    /// Counts a line that was read (call once per line, whatever it held).
    @inline(__always)
    mutating func countLine() { input.lines += 1 }

    /// Counts a `recovered` record saying `bytes` were cut.
    mutating func countRecovered(bytes: Double?) {
        input.recovered += 1
        if let b = bytes, b >= 0, b < 9e18 { input.recoveredBytes += Int64(b) }
    }

    /// Counts a blank line.
    mutating func countBlank() { input.blank += 1 }

    /// Counts a malformed line, keeping it as an example while fewer than the spec's limit are kept
    /// (the earliest by source and position win after merging).
    mutating func countMalformed(sourceIndex: Int, line: Int?, byteOffset: UInt64, reason: @autoclosure () -> String) {
        input.malformed += 1
        let example = MalformedLine(sourceIndex: sourceIndex, line: line, byteOffset: byteOffset, reason: "")
        let limit = spec.malformedExamples
        guard limit > 0 else { return }
        if input.malformedExamples.count < limit {
            var e = example
            e.reason = reason()
            input.malformedExamples.append(e)
            input.malformedExamples.sort()
        } else if example < input.malformedExamples[limit - 1] {
            var e = example
            e.reason = reason()
            input.malformedExamples[limit - 1] = e
            input.malformedExamples.sort()
        }
    }

    // MARK: Merging

    /// Adds everything `other` recorded into this aggregator (both must share one spec).
    mutating func merge(_ other: AggregationState) {
        for i in 0..<other.cells.count {
            let (index, inserted) = other.cellTable.withKey(at: i) { cellTable.findOrInsert($0) }
            if inserted { cells.append(other.cells[i]) } else { cells[index].merge(other.cells[i]) }
        }
        total.merge(other.total)
        for i in 0..<other.slowGroups.count {
            let (index, inserted) = other.slowTable.withKey(at: i) { slowTable.findOrInsert($0) }
            if inserted { slowGroups.append(other.slowGroups[i]) } else { slowGroups[index].merge(other.slowGroups[i]) }
        }
        slowCount += other.slowCount
        for i in 0..<other.errorTypes.count {
            let (index, inserted) = other.errorTypeTable.withKey(at: i) { errorTypeTable.findOrInsert($0) }
            if inserted {
                errorTypes.append(other.errorTypes[i])
            } else {
                errorTypes[index].count += other.errorTypes[i].count
            }
        }
        input.merge(other.input, keepExamples: spec.malformedExamples)
        census.merge(other.census)
        for i in 0..<other.metrics.count {
            let (index, inserted) = other.metricTable.withKey(at: i) { metricTable.findOrInsert($0) }
            if inserted { metrics.append(other.metrics[i]) } else { metrics[index].merge(other.metrics[i]) }
        }
    }

    /// Number of distinct (group, window) cells so far.
    var cellCount: Int { cells.count }
}
