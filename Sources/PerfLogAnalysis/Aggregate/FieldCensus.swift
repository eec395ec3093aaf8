/// A field named on the command line (`--by`, `--where`) that the analysis watches: when no
/// record holds it, the result says so and names the closest field that does occur.
public struct WatchedField: Sendable, Hashable {
    /// The option that named the field (`--by`, `--where`).
    public var option: String
    /// The field.
    public var path: FieldPath

    /// The field `path`, named on the command line by `option`.
    public init(option: String, path: FieldPath) {
        self.option = option
        self.path = path
    }
}

/// A watched field that occurred in no record, with the closest field that did.
public struct UnseenField: Sendable, Hashable, CustomStringConvertible {
    /// The field as given.
    public var field: WatchedField
    /// The closest field name found in the records (`meta."http.route"`), if any was sampled.
    public var closest: String?

    /// `--by field 'meta.http.rout' occurs in no record; closest: meta."http.route"`.
    public var description: String {
        var s = "\(field.option) field '\(field.path)' occurs in no record"
        if let closest { s += "; closest: \(closest)" }
        return s
    }
}

/// Tracks which watched fields occur in the records, and samples the field names that do.
///
/// Costs one branch per record once every watched field has been seen (normally at the first
/// records); while one is unseen it looks it up in each record, and collects the field names of
/// the first ``sampleRecords`` records (top-level keys and `meta` keys two levels deep, at most
/// ``maxNames``), for the suggestion.
struct FieldCensus {
    static let sampleRecords = 1000
    static let maxNames = 512

    let watched: [WatchedField]
    var seen: [Bool]
    /// Watched fields not seen yet; the census is idle at 0.
    private(set) var unseen: Int
    var names: Set<String> = []
    var sampled = 0

    init(watched: [WatchedField]) {
        self.watched = watched
        seen = Array(repeating: false, count: watched.count)
        unseen = watched.count
    }

    /// Whether records still need looking at.
    @inline(__always)
    var isActive: Bool { unseen > 0 }

    /// Looks for the unseen fields in `record`, and samples its field names.
    mutating func observe(_ record: inout ScannedRecord) {
        for i in watched.indices where !seen[i] && record.value(at: watched[i].path) != nil {
            seen[i] = true
            unseen -= 1
        }
        guard unseen > 0, sampled < FieldCensus.sampleRecords else { return }
        sampled += 1
        guard names.count < FieldCensus.maxNames else { return }
        let line = record.line
        let source = record.source
        JSONObjectWalker.forEachMember(of: line) { key, _ in
            if source == .v1 { self.insert([key]) }
        }
        if let meta = record.meta, meta.kind == .object {
            JSONObjectWalker.forEachMember(of: meta.raw) { key, value in
                self.insert(["meta", key])
                if value.kind == .object {
                    JSONObjectWalker.forEachMember(of: value.raw) { inner, _ in self.insert(["meta", key, inner]) }
                }
            }
        }
    }

    private mutating func insert(_ components: [String]) {
        guard names.count < FieldCensus.maxNames else { return }
        names.insert(FieldPath(components: components).description)
    }

    /// Adds what `other` saw.
    mutating func merge(_ other: FieldCensus) {
        for i in seen.indices where !seen[i] && i < other.seen.count && other.seen[i] {
            seen[i] = true
            unseen -= 1
        }
        sampled += other.sampled
        for n in other.names where names.count < FieldCensus.maxNames { names.insert(n) }
    }

    /// The watched fields that occurred in no record, in the order given.
    func unseenFields() -> [UnseenField] {
        var out: [UnseenField] = []
        let candidates = names.sorted()
        for (i, w) in watched.enumerated()
        where !seen[i] && !out.contains(where: { $0.field.path == w.path && $0.field.option == w.option }) {
            out.append(UnseenField(field: w, closest: FieldCensus.closest(to: w.path, in: candidates)))
        }
        return out
    }

    /// The candidate nearest to `path` by edit distance over the dotted text (quotes ignored);
    /// ties go to the first in sorted order.
    static func closest(to path: FieldPath, in candidates: [String]) -> String? {
        let target = Array(path.components.joined(separator: ".").utf8)
        var best: (name: String, distance: Int)?
        for c in candidates {
            let plain = FieldPath(c).components.joined(separator: ".")
            let d = editDistance(target, Array(plain.utf8))
            if best == nil || d < best!.distance { best = (c, d) }
        }
        return best?.name
    }

    /// Levenshtein distance between two byte strings.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
