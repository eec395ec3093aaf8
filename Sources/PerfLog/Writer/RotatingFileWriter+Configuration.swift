#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RotatingFileWriter {
    /// What the writer does when its queue is full.
    public enum OverflowPolicy: Sendable, Equatable {
        /// The caller waits until the writer thread has made room (nothing is lost). The default.
        case block
        /// The new line is dropped and counted; a `dropped events` line reports the count later.
        case dropNewest
    }

    /// How the writer rotates, compresses, keeps and protects its files.
    ///
    /// ```swift
    /// var config = RotatingFileWriter.Configuration(directory: "/var/log/myapp", name: "myapp")
    /// config.rotation.maxBytes = 64 << 20          // rotate at 64 MiB…
    /// config.rotation.interval = .hourly            // …or on every UTC hour
    /// config.retention.maxSegments = 48
    /// let writer = try RotatingFileWriter(configuration: config)
    /// ```
    public struct Configuration: Sendable {
        /// The directory holding the active file and the segments (created `directoryMode` if missing).
        public var directory: String
        /// The base name: the active file is `<directory>/<name>.log`.
        public var name: String
        /// When to rotate.
        public var rotation = Rotation()
        /// Which compressed segments to keep.
        public var retention = Retention()
        /// Deflate level for segments, 0...9. Default 6.
        public var compressionLevel: Int32 = 6
        /// Input bytes per gzip member of a segment archive.
        public var memberInputSize = ArchiveWriter.defaultMemberInputSize
        /// False keeps rotated segments as plain `.log` files (no compressor thread).
        public var compress = true
        /// The compressor thread's nice value (Linux; 0 keeps the process's own). Default 10:
        /// compression is background work, so the application's threads, including those that
        /// log, win the CPU when cores are scarce; it still gets about a tenth of a busy core, and
        /// segments waiting for it stay on disk as plain files, nothing is lost.
        public var compressionThreadNice: Int32 = 10
        /// Bytes the queue may hold between callers and the writer thread. Default 4 MiB.
        public var queueCapacity = 4 << 20
        /// What to do when the queue is full.
        public var overflowPolicy = OverflowPolicy.block
        /// When set, the active file is `fdatasync`'d at most this often (bounds loss on power failure).
        public var fsyncInterval: Duration? = nil
        /// Permissions of files the writer creates. Default `0640`.
        public var fileMode: UInt32 = 0o640
        /// Permissions of directories the writer creates. Default `0750`.
        public var directoryMode: UInt32 = 0o750
        /// The clock for time rotation, segment names and retention by age.
        public var clock: any WriterClock = SystemWriterClock()
        /// Whether runtime failures are reported (once each) on standard error. Default true.
        public var reportsFailuresOnStandardError = true

        /// A configuration writing `<directory>/<name>.log`, every other option at its default.
        ///
        /// - Parameters:
        ///   - directory: the log directory (created if missing).
        ///   - name: the base name of the active file and of its segments.
        public init(directory: String, name: String) {
            self.directory = directory
            self.name = name
        }

        /// The active file's path.
        public var activePath: String {
            directory.hasSuffix("/") ? directory + name + ".log" : directory + "/" + name + ".log"
        }

        func validate() throws(WriterError) {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw WriterError(.invalidConfiguration, "invalid log name \"\(name)\": it must be a plain file name")
            }
            guard !directory.isEmpty else { throw WriterError(.invalidConfiguration, "the log directory is empty") }
            guard (0...9).contains(compressionLevel) else {
                throw WriterError(.invalidConfiguration, "compression level \(compressionLevel) is not in 0...9")
            }
            guard queueCapacity >= 4096 else {
                throw WriterError(.invalidConfiguration, "queue capacity \(queueCapacity) is below 4096 bytes")
            }
            if let m = rotation.maxBytes, m < 1 {
                throw WriterError(.invalidConfiguration, "rotation.maxBytes must be positive")
            }
            if let i = rotation.interval, i.seconds < 1 {
                throw WriterError(.invalidConfiguration, "rotation.interval must be at least one second")
            }
        }
    }

    /// When the active file becomes a segment. Both limits may be set; `rotate()` also rotates.
    public struct Rotation: Sendable {
        /// Rotate before the active file would exceed this many bytes (a line is never split).
        public var maxBytes: Int? = nil
        /// Rotate when the UTC clock crosses a multiple of this interval.
        public var interval: Interval? = nil
        /// Rotation at `maxBytes` bytes and/or every `interval`; `nil` turns that limit off.
        public init(maxBytes: Int? = nil, interval: Interval? = nil) {
            self.maxBytes = maxBytes
            self.interval = interval
        }
    }

    /// A rotation interval aligned to UTC: boundaries are the multiples of ``seconds`` since the epoch.
    public struct Interval: Sendable, Equatable {
        /// The length in seconds.
        public var seconds: Int64
        /// An interval of `seconds` seconds, aligned to multiples of it since the epoch.
        public init(seconds: Int64) { self.seconds = seconds }
        /// Every `n` minutes (aligned: `minutes(15)` rotates at :00, :15, :30, :45).
        public static func minutes(_ n: Int64) -> Interval { Interval(seconds: n * 60) }
        /// At the start of every UTC hour.
        public static let hourly = Interval(seconds: 3600)
        /// At 00:00 UTC.
        public static let daily = Interval(seconds: 86_400)

        /// The first boundary strictly after `t`.
        func nextBoundary(after t: Timestamp) -> Timestamp {
            let us = seconds * 1_000_000
            let q = t.microseconds >= 0 ? t.microseconds / us : (t.microseconds - us + 1) / us
            return Timestamp(microseconds: (q + 1) * us)
        }
    }

    /// Which compressed segments are kept. Enforced after every compression and at start, oldest
    /// first; the active file and segments waiting for compression are never deleted.
    public struct Retention: Sendable {
        /// Keep at most this many compressed segments.
        public var maxSegments: Int? = nil
        /// Delete segments rotated longer ago than this (judged by the time in the name).
        public var maxAge: Duration? = nil
        /// Keep the newest segments whose sizes add up to at most this many bytes.
        public var maxTotalBytes: Int64? = nil
        /// Retention by count, age and total size; `nil` turns that limit off (all three `nil`: keep
        /// every segment).
        public init(maxSegments: Int? = nil, maxAge: Duration? = nil, maxTotalBytes: Int64? = nil) {
            self.maxSegments = maxSegments
            self.maxAge = maxAge
            self.maxTotalBytes = maxTotalBytes
        }
    }
}
