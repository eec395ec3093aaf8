/// The name of a rotated segment: `<name>-2026-11-28T10-00-00.123Z.log.gz` (compressed) or
/// `….log` (plain, waiting for compression), stamped with the UTC time of the rotation.
///
/// When two rotations share a millisecond the later ones get a suffix `_001`, `_002`, … placed
/// after the `Z`. `_` sorts after `.`, and the suffix is zero-padded, so plain byte-wise
/// (lexicographic) order of the names is rotation order: `ls`, shell globs and readers that sort
/// file names all see segments in time order.
///
/// ```swift
/// SegmentName(base: "app", time: ts, sequence: 0).archiveFileName  // "app-2026-11-28T10-00-00.123Z.log.gz"
/// SegmentName(base: "app", time: ts, sequence: 2).plainFileName    // "app-2026-11-28T10-00-00.123Z_002.log"
/// ```
package struct SegmentName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The log's base name (the active file is `<base>.log`).
    package var base: String
    /// The rotation time, truncated to milliseconds.
    package var time: Timestamp
    /// 0 for the first rotation in a millisecond, then 1, 2, …
    package var sequence: Int

    package init(base: String, time: Timestamp, sequence: Int) {
        self.base = base
        self.time = Timestamp(microseconds: Self.floorMillis(time.microseconds))
        self.sequence = sequence
    }

    static func floorMillis(_ us: Int64) -> Int64 { us >= 0 ? us / 1000 * 1000 : (us - 999) / 1000 * 1000 }

    /// The stem shared by the plain and compressed names, e.g. `app-2026-11-28T10-00-00.123Z`.
    package var stem: String {
        var s = time.description  // 2026-11-28T10:00:00.123456Z
        s = String(s.prefix(23)).replacingColons() + "Z"
        return base + "-" + s + (sequence > 0 ? "_" + Self.pad(sequence) : "")
    }

    /// `<stem>.log`: a rotated segment not yet compressed.
    package var plainFileName: String { stem + ".log" }
    /// `<stem>.log.gz`: a compressed segment.
    package var archiveFileName: String { stem + ".log.gz" }
    /// The temporary name the compressor writes before renaming into place.
    package var temporaryFileName: String { "." + archiveFileName + ".tmp" }

    package var description: String { stem }

    private static func pad(_ n: Int) -> String {
        let d = String(n)
        return d.count >= 3 ? d : String(repeating: "0", count: 3 - d.count) + d
    }

    /// Parses a segment file name of log `base` (plain, compressed or temporary).
    ///
    /// - Returns: the name and its kind, or `nil` when the file is not a segment of `base`.
    package static func parse(_ fileName: String, base: String) -> (name: SegmentName, kind: Kind)? {
        var rest = Substring(fileName)
        var kind = Kind.plain
        if rest.hasPrefix(".") && rest.hasSuffix(".log.gz.tmp") {
            kind = .temporary
            rest = rest.dropFirst().dropLast(".log.gz.tmp".count)
        } else if rest.hasSuffix(".log.gz") {
            kind = .archive
            rest = rest.dropLast(".log.gz".count)
        } else if rest.hasSuffix(".log") {
            rest = rest.dropLast(".log".count)
        } else {
            return nil
        }
        guard rest.hasPrefix(base + "-") else { return nil }
        rest = rest.dropFirst(base.count + 1)
        // 2026-11-28T10-00-00.123Z[_NNN]
        guard rest.count >= 24 else { return nil }
        let stamp = rest.prefix(24)
        let suffix = rest.dropFirst(24)
        var seq = 0
        if !suffix.isEmpty {
            guard suffix.first == "_", let n = Int(suffix.dropFirst()), n > 0 else { return nil }
            seq = n
        }
        var chars = Array(stamp)
        guard chars.count == 24, chars[13] == "-", chars[16] == "-", chars[23] == "Z" else { return nil }
        chars[13] = ":"
        chars[16] = ":"
        guard let ts = Timestamp(parsing: String(chars)) else { return nil }
        return (SegmentName(base: base, time: ts, sequence: seq), kind)
    }

    /// The kind of a segment file.
    package enum Kind: Sendable { case plain, archive, temporary }

    package static func < (a: SegmentName, b: SegmentName) -> Bool {
        (a.time, a.sequence) < (b.time, b.sequence)
    }
}

extension String {
    fileprivate func replacingColons() -> String { String(map { $0 == ":" ? "-" : $0 }) }
}

/// Hands out segment names that never collide with each other or with files already present,
/// and never go backwards in time (so names sort in rotation order even if the clock steps back).
struct SegmentNamer {
    let base: String
    private var last: SegmentName?

    init(base: String) { self.base = base }

    /// Remembers an existing segment so later names sort after it.
    mutating func observe(_ name: SegmentName) {
        if last == nil || last! < name { last = name }
    }

    /// The next name for a rotation at `time`; `taken` says whether a stem is already used.
    mutating func next(at time: Timestamp, taken: (SegmentName) -> Bool) -> SegmentName {
        var candidate = SegmentName(base: base, time: time, sequence: 0)
        if let last, candidate.time <= last.time {
            candidate = SegmentName(base: base, time: last.time, sequence: last.sequence + 1)
        }
        while taken(candidate) { candidate.sequence += 1 }
        last = candidate
        return candidate
    }
}
