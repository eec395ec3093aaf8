@_spi(Internals) import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The indexed members of a gzip file found by hopping from header to header by
/// ``MemberIndex/memberSize``, without inflating anything.
///
/// Hopping stops at the first member without a valid `PL` index (another tool's member,
/// garbage, or a lying size that lands off a header): from there the file is read sequentially.
struct MemberPlan {
    struct Member {
        /// File offset of the member's header.
        var offset: UInt64
        var index: MemberIndex
        /// Outside the time window: not read.
        var skipped: Bool
        /// 1-based number of its first line in the file, from the sizes in the indexes (a hint).
        var firstLine: Int?
        /// Where the index says the member ends.
        var plannedEnd: UInt64 { offset + index.memberSize }
    }

    var members: [Member] = []
    /// Where hopping stopped: the end of the last planned member.
    var end: UInt64 = 0
    /// Why hopping stopped at a member that has an index, when it did: the index cannot be true.
    var stopReason: String?

    /// Hops through the file's member headers.
    ///
    /// - Parameter onRead: called, during the hop, with the position in ``members`` of each
    ///   member that is to be read, as soon as that is known: at once for a member inside the
    ///   window, and for a member outside it only when the hop after it fails to land (then it
    ///   cannot be skipped). Readers can so start on the first members while the hop goes on.
    static func make(fd: Int32, fileSize: UInt64, window: ClosedRange<Timestamp>?, onRead: (Int, Member) -> Void)
        -> MemberPlan
    {
        var plan = MemberPlan()
        var at: UInt64 = 0
        var line: Int? = 1
        var header = [UInt8](repeating: 0, count: 512)
        var landedOnHeader = true
        while at < fileSize {
            let want = Int(min(UInt64(header.count), fileSize - at))
            var n: Int
            repeat {
                n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(at)) }
            } while n < 0 && errno == EINTR
            guard n > 0 else { break }
            let parsed = header.withUnsafeBytes { GzipMember.parseHeader(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            guard case .success(let h) = parsed else {
                landedOnHeader = false
                break
            }
            guard let index = h.index else { break }
            guard index.memberSize >= UInt64(h.length + GzipMember.trailerSize + 2), index.memberSize <= fileSize - at
            else {
                plan.stopReason =
                    "the index of the gzip member at byte \(at) says it is \(index.memberSize) bytes, which cannot be (\(fileSize - at) bytes are left); the index was ignored from there and the rest read sequentially"
                break
            }
            var skipped = false
            if let window, let range = index.timeRange, !range.overlaps(window) { skipped = true }
            let member = Member(offset: at, index: index, skipped: skipped, firstLine: line)
            plan.members.append(member)
            if !skipped { onRead(plan.members.count - 1, member) }
            if let l = line {
                let (sum, overflow) = l.addingReportingOverflow(Int(clamping: index.lineCount))
                line = overflow ? nil : sum
            }
            at += index.memberSize
        }
        plan.end = at
        // Skipping cannot be checked without inflating; a member is skipped only when the hop
        // after it lands on a gzip header or the end of the file (docs/FORMAT.md, 2.4).
        if !landedOnHeader, let last = plan.members.indices.last, plan.members[last].skipped {
            plan.members[last].skipped = false
            onRead(last, plan.members[last])
        }
        return plan
    }
}
