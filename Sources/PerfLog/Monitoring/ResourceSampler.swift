import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the process's resource use as one `resource` record every interval: CPU %, resident
/// memory, open file descriptors, threads and the 1-minute load average (docs/FORMAT.md,
/// "Resource samples"). The analyzer summarises them per process, and `perflog check` adds the
/// limits memory < 512 MB and CPU < 80% sustained when the logs hold such records.
///
/// Linux reads `/proc/self/stat`, `/proc/self/fd` and `getloadavg`; elsewhere only the load
/// average is written.
///
/// ```swift
/// let sampler = ResourceSampler(sink: writer)            // every 10 s, on its own thread
/// …
/// sampler.stop()                                         // before the writer closes
/// ```
public final class ResourceSampler: Sendable {
    /// Where records go.
    public let sink: any LineSink
    /// The `logger` field of every record (default `"perflog.resources"`).
    public let label: String
    /// `meta.process`: the process's name (default: the executable's name).
    public let process: String
    private let previous = ConditionLockedCPU()
    private let task: PeriodicTask?

    /// Starts sampling.
    ///
    /// - Parameters:
    ///   - sink: where records go.
    ///   - label: the `logger` field.
    ///   - interval: time between records (default 10 s); `nil` writes only on ``sample()``.
    ///   - process: `meta.process` (default: the executable's name).
    public init(
        sink: any LineSink, label: String = "perflog.resources", interval: Duration? = .seconds(10),
        process: String? = nil
    ) {
        self.sink = sink
        self.label = label
        self.process = process ?? ResourceSampler.executableName()
        previous.store(ResourceSampler.cpuTicks(), at: MonotonicClock.nanoseconds())
        if let interval {
            let ns = PeriodicTask.nanoseconds(interval)
            let (sink, label, process, previous) = (self.sink, self.label, self.process, self.previous)
            task = PeriodicTask(name: "perflog-resources", intervalNanoseconds: ns) {
                ResourceSampler.sample(sink: sink, label: label, process: process, previous: previous)
            }
        } else {
            task = nil
        }
    }

    /// Stops the interval thread (idempotent). Records are written only by ``sample()`` after it.
    public func stop() { task?.stop() }

    deinit { task?.stop() }

    /// Writes one record now: the CPU % covers the time since the previous record (or since the
    /// sampler started).
    public func sample() { ResourceSampler.sample(sink: sink, label: label, process: process, previous: previous) }

    static func sample(sink: any LineSink, label: String, process: String, previous: ConditionLockedCPU) {
        let now = MonotonicClock.nanoseconds()
        let ticks = ResourceSampler.cpuTicks()
        let (lastTicks, lastTime) = previous.exchange(ticks, at: now)
        var fields: [(key: StaticString, value: JSONNumber)] = [
            ("interval_ms", .double(Double((now - lastTime) / 1000) / 1000))
        ]
        if let ticks, let lastTicks, now > lastTime {
            let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
            let cpu = Double(ticks.cpu - lastTicks.cpu) / hz / (Double(now - lastTime) / 1e9) * 100
            fields.append(("cpu_percent", .double((cpu * 10).rounded() / 10)))
        }
        if let ticks {
            fields.append(("rss_bytes", .int(ticks.rssPages * Int64(sysconf(Int32(_SC_PAGESIZE))))))
            fields.append(("threads", .int(ticks.threads)))
        }
        if let fds = ResourceSampler.openFileDescriptors() { fields.append(("open_fds", .int(fds))) }
        var load = [Double](repeating: 0, count: 3)
        if getloadavg(&load, 3) >= 1 { fields.append(("load1", .double((load[0] * 100).rounded() / 100))) }
        let event = PerfEvent(
            level: .info, logger: label, message: "resources", event: "resource", op: "process",
            metadata: ["pid": .string(String(getpid())), "process": .string(process)])
        LineEncoder.withStackBuffer { e in
            e.encode(event, fields: fields)
            e.withBytes { sink.write(line: $0) }
        }
    }

    /// CPU time (user + system, in clock ticks), resident pages and threads from `/proc/self/stat`.
    struct ProcessStat: Sendable {
        var cpu: Int64
        var rssPages: Int64
        var threads: Int64
    }

    static func cpuTicks() -> ProcessStat? {
        guard let text = readSmallFile("/proc/self/stat") else { return nil }
        return parseStat(text)
    }

    /// Parses `/proc/<pid>/stat`: the fields after the command name's closing parenthesis.
    static func parseStat(_ text: String) -> ProcessStat? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3): utime is field 14, stime 15, num_threads 20, rss 24.
        guard fields.count > 21, let u = Int64(fields[11]), let s = Int64(fields[12]), let t = Int64(fields[17]),
            let rss = Int64(fields[21])
        else { return nil }
        return ProcessStat(cpu: u + s, rssPages: rss, threads: t)
    }

    static func openFileDescriptors() -> Int64? {
        #if os(Linux)
            guard let dir = opendir("/proc/self/fd") else { return nil }
            defer { closedir(dir) }
            var n: Int64 = 0
            while let entry = readdir(dir) {
                let name = entry.pointee.d_name
                let dot = withUnsafeBytes(of: name) { $0[0] == 0x2E }
                if !dot { n += 1 }
            }
            return max(0, n - 1)  // the directory's own descriptor
        #else
            return nil
        #endif
    }

    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    static func executableName() -> String {
        guard let text = readSmallFile("/proc/self/comm") else { return "process" }
        let name = text.split(separator: "\n").first.map(String.init) ?? ""
        return name.isEmpty ? "process" : name
    }
}

/// The previous CPU reading, shared by the sampling thread and ``ResourceSampler/sample()``.
final class ConditionLockedCPU: @unchecked Sendable {
    // @unchecked Sendable: both fields are read and written only with `lock` held.
    private let lock = ConditionLock(conditions: 1)
    private var stat: ResourceSampler.ProcessStat?
    private var time: Int64 = 0

    func store(_ s: ResourceSampler.ProcessStat?, at t: Int64) {
        lock.lock()
        stat = s
        time = t
        lock.unlock()
    }

    func exchange(_ s: ResourceSampler.ProcessStat?, at t: Int64) -> (ResourceSampler.ProcessStat?, Int64) {
        lock.lock()
        defer { lock.unlock() }
        let old = (stat, time)
        stat = s
        time = t
        return old
    }
}
