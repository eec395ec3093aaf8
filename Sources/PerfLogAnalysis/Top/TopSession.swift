import PerfLog
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `perflog top`: follows the inputs, feeds a ``TopAggregator``, and redraws every
/// interval, full-screen on a terminal (keys: see ``TopView``) or as plain snapshots.
///
/// ```swift
/// let session = TopSession(aggregator: TopAggregator(TopConfiguration()), files: ["logs/app.log"])
/// session.run(mode: .snapshots(count: 3))
/// ```
///
/// It starts with what the files already hold for the last two windows (the previous window
/// feeds the trend column), found by bisecting on timestamps, and follows them across rotation
/// and truncation (``Follower``). SIGINT, SIGTERM and SIGHUP end it cleanly (the terminal is
/// restored); SIGWINCH redraws at the new size.
package final class TopSession {
    /// How the session shows its snapshots.
    package enum Mode: Sendable {
        /// Full screen on the terminal at standard output, keys from `keys` (a terminal).
        case screen(keys: Int32, color: Bool)
        /// Plain snapshots on standard output, one per interval; `nil` for no limit.
        case snapshots(count: Int?)
    }

    private let aggregator: TopAggregator
    private let followers: [Follower]
    private let readsStandardInput: Bool
    private let clock: () -> Timestamp
    private let intervalMilliseconds: Int
    private let inputsText: String
    private var view: TopView
    private var stdinLines: StreamLines?

    /// - Parameters:
    ///   - aggregator: the aggregation (its configuration sets the window, rows and rules).
    ///   - files: the files to follow (regular files; directories are resolved by the caller).
    ///   - readsStandardInput: also read lines from standard input.
    ///   - view: the initial sort and filter.
    ///   - intervalMilliseconds: time between snapshots.
    ///   - pollMilliseconds: time between reads of the files.
    ///   - maxLineBytes: longer lines are skipped.
    ///   - clock: the time a snapshot's window ends at (the wall clock, or a fixed time to replay
    ///     an older log).
    package init(
        aggregator: TopAggregator, files: [String], readsStandardInput: Bool = false, view: TopView = TopView(),
        intervalMilliseconds: Int = 1000, pollMilliseconds: Int = 100, maxLineBytes: Int = 4 << 20,
        clock: @escaping () -> Timestamp = { .now() }
    ) {
        self.aggregator = aggregator
        followers = files.map { Follower(path: $0, pollInterval: pollMilliseconds, maxLineBytes: maxLineBytes) }
        self.readsStandardInput = readsStandardInput
        self.view = view
        self.intervalMilliseconds = max(10, intervalMilliseconds)
        self.clock = clock
        inputsText = (files + (readsStandardInput ? ["-"] : [])).joined(separator: ", ")
        if readsStandardInput { stdinLines = StreamLines(fd: 0, maxLineBytes: maxLineBytes) }
    }

    /// Lines skipped for being longer than the limit, in every input.
    package var oversizedLines: Int { followers.reduce(0) { $0 + $1.oversizedLines } + (stdinLines?.oversized ?? 0) }

    /// Starts following: positions each file at the first line of the last two windows.
    ///
    /// - Throws: ``InputError`` when a file cannot be opened.
    package func start() throws(InputError) {
        let now = clock()
        aggregator.discard(before: now)
        let window = aggregator.configuration.windowMicroseconds
        let cutoff = Timestamp(microseconds: now.microseconds - 2 * window)
        for f in followers {
            try f.start(at: TimeSeek.offset(of: f.path, atOrAfter: cutoff))
        }
    }

    /// Reads what the inputs have, draws, and repeats until `q`, a signal, or the last snapshot.
    package func run(mode: Mode) {
        TopSignals.install()
        let group = aggregator.configuration.groupBy.map(\.description).joined(separator: ",")
        var layout = TopScreen.Layout(inputs: inputsText, groupTitle: group)
        var screen: TerminalScreen?
        var keys: Int32 = -1
        var remaining: Int?
        switch mode {
        case .screen(let k, let color):
            keys = k
            layout.color = color
            layout.interactive = true
            screen = TerminalScreen(output: 1, keys: k)
        case .snapshots(let count):
            remaining = count
        }
        defer { screen?.restore() }
        var last: TopSnapshot?
        var nextDraw = MonotonicClock.nanoseconds()
        var first = true
        while TopSignals.stop.load(ordering: .relaxed) == 0 {
            readInputs()
            var redraw = TopSignals.resized.exchange(0, ordering: .relaxed) != 0
            let now = MonotonicClock.nanoseconds()
            if now >= nextDraw {
                if !view.paused || last == nil { last = aggregator.snapshot(at: clock()) }
                redraw = true
                nextDraw = (first ? now : nextDraw) + Int64(intervalMilliseconds) * 1_000_000
                if nextDraw < now { nextDraw = now }
                first = false
            }
            if redraw, let snapshot = last {
                if let screen {
                    let size = screen.size
                    layout.width = size.columns
                    layout.height = size.lines
                    screen.draw(TopScreen.lines(snapshot, view: view, layout: layout))
                } else {
                    let text = TopScreen.lines(snapshot, view: view, layout: layout).joined(separator: "\n") + "\n\n"
                    guard FileOutput.writeAll(1, text) else { return }
                    if let r = remaining {
                        if r <= 1 { return }
                        remaining = r - 1
                    }
                }
            }
            let waitMs = Int32(
                max(
                    0,
                    min(
                        Int64(followers.first?.pollInterval ?? 100),
                        (nextDraw - MonotonicClock.nanoseconds()) / 1_000_000)))
            if wait(keys: keys, milliseconds: waitMs) == .quit { return }
        }
    }

    private func readInputs() {
        for f in followers { f.poll { aggregator.ingest($0) } }
        stdinLines?.drain { aggregator.ingest($0) }
    }

    /// Waits for a key or the timeout; applies the keys read.
    private func wait(keys: Int32, milliseconds: Int32) -> TopView.Action {
        guard keys >= 0 else {
            if milliseconds > 0 { usleep(useconds_t(milliseconds) * 1000) }
            return .none
        }
        var p = pollfd(fd: keys, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, milliseconds) > 0 else { return .none }
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = bytes.withUnsafeMutableBytes { read(keys, $0.baseAddress, $0.count) }
        guard n > 0 else { return .none }
        var result = TopView.Action.none
        for b in bytes[0..<n] {
            switch view.handle(key: b) {
            case .quit: return .quit
            case .redraw: result = .redraw
            case .none: break
            }
        }
        if result == .redraw { TopSignals.resized.store(1, ordering: .relaxed) }
        return result
    }
}

/// The signals `perflog top` reacts to, recorded by their handlers for the session's loop.
enum TopSignals {
    /// Set by SIGINT, SIGTERM and SIGHUP.
    static let stop = Atomic<Int32>(0)
    /// Set by SIGWINCH (and by keys that change the view).
    static let resized = Atomic<Int32>(0)

    static func install() {
        signal(SIGINT) { _ in TopSignals.stop.store(1, ordering: .relaxed) }
        signal(SIGTERM) { _ in TopSignals.stop.store(1, ordering: .relaxed) }
        signal(SIGHUP) { _ in TopSignals.stop.store(1, ordering: .relaxed) }
        signal(SIGWINCH) { _ in TopSignals.resized.store(1, ordering: .relaxed) }
    }
}

/// Lines from a pipe or other stream, read without blocking: what has arrived is split into
/// lines; a partial last line waits for its end.
final class StreamLines {
    private let fd: Int32
    private let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var skipping = false
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var ended = false
    /// Lines skipped for being longer than the limit.
    private(set) var oversized = 0

    init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Calls `body` with every complete line that can be read now.
    func drain(_ body: (UnsafeRawBufferPointer) -> Void) {
        while !ended {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return }
            if n == 0 {
                ended = true
                if !pending.isEmpty && !skipping { pending.withUnsafeBytes(body) }
                pending.removeAll()
                return
            }
            buffer.withUnsafeBytes { b in
                var start = 0
                while let p = ByteSearch.firstNewline(b.baseAddress! + start, n - start) {
                    let piece = UnsafeRawBufferPointer(rebasing: b[start..<(start + p)])
                    if skipping || pending.count + piece.count > maxLineBytes {
                        oversized += 1
                    } else if pending.isEmpty {
                        body(piece)
                    } else {
                        pending.append(contentsOf: piece)
                        pending.withUnsafeBytes(body)
                    }
                    pending.removeAll(keepingCapacity: true)
                    skipping = false
                    start += p + 1
                }
                if !skipping {
                    if pending.count + (n - start) > maxLineBytes {
                        skipping = true
                        pending.removeAll()
                    } else {
                        pending.append(contentsOf: b[start..<n])
                    }
                }
            }
        }
    }
}
