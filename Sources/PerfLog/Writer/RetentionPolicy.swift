/// Applies ``RotatingFileWriter/Retention`` to the compressed segments of one log: oldest first,
/// by count, by age (the time in the name, so it is the same across restarts and gaps) and by
/// total bytes. Only `.log.gz` archives are candidates: the active file and plain segments
/// (waiting for or being compressed) are never deleted.
struct RetentionPolicy {
    let rules: RotatingFileWriter.Retention

    /// The archives to delete, oldest first.
    ///
    /// - Parameter archives: every archive of the log, with its size in bytes, in any order.
    func victims(of archives: [(name: SegmentName, bytes: Int64)], now: Timestamp) -> [SegmentName] {
        let sorted = archives.sorted { $0.name < $1.name }  // oldest first
        var doomed = Set<Int>()
        if let maxCount = rules.maxSegments, sorted.count > maxCount {
            for i in 0..<(sorted.count - max(0, maxCount)) { doomed.insert(i) }
        }
        if let maxAge = rules.maxAge {
            let (s, a) = maxAge.components
            let ageUs = s * 1_000_000 + a / 1_000_000_000_000
            for (i, a) in sorted.enumerated() where now.microseconds - a.name.time.microseconds > ageUs {
                doomed.insert(i)
            }
        }
        if let maxBytes = rules.maxTotalBytes {
            var total: Int64 = 0
            for i in stride(from: sorted.count - 1, through: 0, by: -1) {
                total += sorted[i].bytes
                if total > maxBytes { doomed.insert(i) }
            }
        }
        return doomed.sorted().map { sorted[$0].name }
    }

    var isActive: Bool { rules.maxSegments != nil || rules.maxAge != nil || rules.maxTotalBytes != nil }
}
