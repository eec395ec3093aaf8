import ArgumentParser
import Foundation
import PerfLog
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Set by SIGHUP; the demo loop turns it into `RotatingFileWriter.rotate()`.
private let sighupReceived = Atomic<Bool>(false)
/// Set by SIGTERM or SIGINT; the demo loop stops after the current event and closes the writer.
private let stopRequested = Atomic<Bool>(false)

/// `perflog demo`: simulates the seed's platform through the real logger and rotating writer.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate the platform's traffic through perflog's logger and rotating writer.",
        discussion: """
            Writes API requests (some 4xx/5xx), database queries (some slow, recorded as slow_query \
            with fingerprinted SQL), LLM calls, therapeutic processing, page loads and plain log lines \
            into DIR/NAME.log, rotated by size into compressed, indexed segments. Try it:

              perflog demo --dir demo --seconds 30 &
              perflog tail -f demo/demo.log
              perflog analyze demo/

            While it runs in real time, SIGHUP rotates the active file (kill -HUP <pid>). SIGTERM and \
            SIGINT (Ctrl-C) stop it cleanly: the current event is finished, the writer drains its \
            queue and finishes compressing the rotated segments, and the summary is printed (exit 0).

            With --start the run is reproducible byte for byte (into an empty or missing DIR): the events are simulated at --rate \
            per second from START (a simulated clock, not the wall clock), written as fast as \
            possible, and the same --seed gives the same files. The committed samples/ were made with:

              perflog demo --dir samples --name demo --events 3000 --seed 42 --start 2026-11-28T10:00:00Z --rate 2 --rotate-bytes 262144
            """)

    @Option(help: "Directory for the logs (created if missing).") var dir = "perflog-demo"
    @Option(help: "Log name: the active file is DIR/NAME.log.") var name = "demo"
    @Option(help: "Number of events to write.") var events: Int?
    @Option(help: "Seconds to run (simulated seconds with --start). Default 60 when --events is not given.")
    var seconds: Double?
    @Option(help: "Events per second (0: as fast as possible; with --start, the simulated rate).") var rate: Double =
        200
    @Option(help: "Seed of the simulation.") var seed: UInt64 = 42
    @Option(help: "Simulate from this UTC time (RFC 3339) instead of the wall clock: reproducible output.") var start:
        String?
    @Option(help: "Rotate the active file at this many bytes.") var rotateBytes = 1 << 20
    @Option(help: "Keep at most this many compressed segments.") var keep: Int?

    func validate() throws {
        if events != nil && seconds != nil { throw ValidationError("give either --events or --seconds, not both") }
        if let events, events < 0 { throw ValidationError("--events must not be negative") }
        if let seconds, seconds <= 0 { throw ValidationError("--seconds must be positive") }
        guard rate >= 0 else { throw ValidationError("--rate must not be negative") }
        guard rotateBytes >= 1024 else { throw ValidationError("--rotate-bytes must be at least 1024") }
        if let start, Timestamp(parsing: start) == nil {
            throw ValidationError("--start \(start) is not an RFC 3339 time, e.g. 2026-11-28T10:00:00Z")
        }
        if start != nil && rate == 0 {
            throw ValidationError("--start needs a --rate above 0 (the simulated events per second)")
        }
        if start != nil, let entries = Self.entries(of: dir), !entries.isEmpty {
            let shown = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
            throw ValidationError(
                "--start writes a reproducible run into an empty or missing directory, and \(dir) is not empty (\(shown)): remove it or give another --dir"
            )
        }
    }

    /// The names in directory `path` (hidden ones included), or nil when it does not exist or is not a directory.
    static func entries(of path: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    func run() throws {
        var config = RotatingFileWriter.Configuration(directory: dir, name: name)
        config.retention.maxSegments = keep
        let simulated = start.flatMap { Timestamp(parsing: $0) }
        let clock = simulated.map { DemoClock($0) }
        if let clock { config.clock = clock } else { config.rotation.maxBytes = rotateBytes }
        let writer: RotatingFileWriter
        do {
            writer = try RotatingFileWriter(configuration: config)
        } catch {
            // Not a usage mistake: the message alone, without the command's usage.
            AnalysisRunner.writeStderr("perflog demo: \(error)\n")
            throw ExitStatus.error.exitCode
        }
        let sink: any LineSink =
            clock.map { DemoTimeSink(writer: writer, clock: $0, rotateBytes: rotateBytes) } ?? writer
        var simulation = DemoSimulation(seed: seed, sink: sink)

        let count =
            events
            ?? (seconds.map { simulated != nil || rate > 0 ? Int(($0 * max(rate, 1)).rounded()) : Int.max }
                ?? (simulated != nil ? Int(60 * rate) : Int.max))
        let deadline: UInt64? =
            (simulated == nil && events == nil) ? Self.monotonicMicros() + UInt64((seconds ?? 60) * 1e6) : nil
        signal(SIGHUP) { _ in sighupReceived.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in stopRequested.store(true, ordering: .relaxed) }
        signal(SIGINT) { _ in stopRequested.store(true, ordering: .relaxed) }
        let began = Self.monotonicMicros()
        var written = 0
        while written < count && !stopRequested.load(ordering: .relaxed) {
            if let deadline, written % 64 == 0, Self.monotonicMicros() >= deadline { break }
            if let clock, let simulated {
                let step = 1e6 / rate
                let t = Double(written) * step + simulation.unit() * step
                clock.set(Timestamp(microseconds: simulated.microseconds + Int64(t)))
            } else if rate > 0 {
                let due = began + UInt64(Double(written) * 1e6 / rate)
                let now = Self.monotonicMicros()
                if due > now {
                    usleep(UInt32(min(due - now, 1_000_000)))
                    // A stop signal interrupts the sleep: leave before writing another event.
                    if stopRequested.load(ordering: .relaxed) { break }
                }
            }
            simulation.step()
            written += 1
            if sighupReceived.exchange(false, ordering: .relaxed) { writer.rotate() }
        }
        writer.close()
        let s = writer.statistics()
        print(
            "wrote \(written) events (\(s.linesAccepted) lines, \(s.rotations) rotations, \(s.segmentsCompressed) segments compressed) into \(config.activePath) and its segments"
        )
        if s.linesDroppedByQueue + s.linesLostToErrors > 0 || s.lastError != nil {
            print(
                "writer problems: dropped \(s.linesDroppedByQueue), lost \(s.linesLostToErrors), last error: \(s.lastError.map { "\($0)" } ?? "none")"
            )
        }
    }

    static func monotonicMicros() -> UInt64 { UInt64(MonotonicClock.nanoseconds() / 1_000) }
}
