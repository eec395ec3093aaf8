import PerfLog

/// The spans of one trace as a tree: each span under its parent, siblings by start time.
///
/// A span whose parent is not in the logs (a remote caller, a lost line) is shown as a root of
/// its own and counted in ``orphans``; a span id seen twice keeps its first span and is counted in
/// ``duplicates``. Offsets are from the start of the earliest root.
public struct TraceTree: Sendable, Equatable {
    /// One line of the tree, in print order.
    public struct Row: Sendable, Equatable {
        /// 0 for a root, 1 for its children, …
        public var depth: Int
        /// Milliseconds from the start of the earliest root to this span's start.
        public var offsetMs: Double
        /// The span.
        public var span: TraceSpan
    }

    /// The rows, depth first.
    public var rows: [Row]
    /// Spans whose parent id is not among the trace's spans.
    public var orphans: Int
    /// Spans dropped because their id was already seen.
    public var duplicates: Int

    /// Builds the tree.
    public init(spans: [TraceSpan]) {
        var byID: [String: TraceSpan] = [:]
        var unique: [TraceSpan] = []
        var duplicates = 0
        for s in spans {
            if byID[s.spanID] != nil {
                duplicates += 1
                continue
            }
            byID[s.spanID] = s
            unique.append(s)
        }
        let order: (TraceSpan, TraceSpan) -> Bool = {
            ($0.startMicroseconds, $0.end.microseconds, $0.spanID) < (
                $1.startMicroseconds, $1.end.microseconds, $1.spanID
            )
        }
        var children: [String: [TraceSpan]] = [:]
        var roots: [TraceSpan] = []
        var orphans = 0
        for s in unique {
            if let p = s.parentSpanID, p != s.spanID, byID[p] != nil {
                children[p, default: []].append(s)
            } else {
                if s.parentSpanID != nil { orphans += 1 }
                roots.append(s)
            }
        }
        roots.sort(by: order)
        let origin = roots.first?.startMicroseconds ?? 0
        var rows: [Row] = []
        var visited = Set<String>()
        // Depth first with an explicit stack: a hostile trace may be deep or contain a cycle.
        var stack: [(TraceSpan, Int)] = roots.reversed().map { ($0, 0) }
        while let (s, depth) = stack.popLast() {
            guard visited.insert(s.spanID).inserted else { continue }
            rows.append(Row(depth: depth, offsetMs: Double(s.startMicroseconds - origin) / 1000, span: s))
            for c in (children[s.spanID] ?? []).sorted(by: order).reversed() { stack.append((c, depth + 1)) }
        }
        // Spans in a parent cycle are reachable from no root: show them as roots too.
        for s in unique.sorted(by: order) where !visited.contains(s.spanID) {
            visited.insert(s.spanID)
            orphans += 1
            rows.append(Row(depth: 0, offsetMs: Double(s.startMicroseconds - origin) / 1000, span: s))
        }
        self.rows = rows
        self.orphans = orphans
        self.duplicates = duplicates
    }
}
