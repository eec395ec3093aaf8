import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A full-screen terminal session: the alternate screen, a hidden cursor and keys read one by
/// one without echo; ``restore()`` puts everything back as it was.
final class TerminalScreen {
    private let output: Int32
    private let keys: Int32
    private var saved = termios()
    private var savedValid = false
    private var active = false

    /// Switches the terminal at `output` to the alternate screen and `keys` to unbuffered input.
    init(output: Int32, keys: Int32) {
        self.output = output
        self.keys = keys
        if keys >= 0, tcgetattr(keys, &saved) == 0 {
            savedValid = true
            var raw = saved
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 0
                cc[Int(VTIME)] = 0
            }
            tcsetattr(keys, TCSANOW, &raw)
        }
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
        active = true
    }

    deinit { restore() }

    /// The terminal's size in columns and lines (80 × 24 when it cannot be read).
    var size: (columns: Int, lines: Int) {
        var ws = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return (80, 24) }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// Draws `lines` from the top left, clearing what they do not cover.
    func draw(_ lines: [String]) {
        var frame = "\u{1B}[H"
        for (i, l) in lines.enumerated() {
            frame += l + "\u{1B}[K"
            if i < lines.count - 1 { frame += "\r\n" }
        }
        frame += "\u{1B}[J"
        write(frame)
    }

    /// Leaves the alternate screen, shows the cursor and restores the keyboard settings.
    func restore() {
        guard active else { return }
        active = false
        write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
        if savedValid { tcsetattr(keys, TCSANOW, &saved) }
    }

    private func write(_ text: String) {
        FileOutput.writeAll(output, text)
    }
}

/// Writing whole strings to a file descriptor.
enum FileOutput {
    /// Writes all of `text` to `fd`; false when it could not (the reader is gone).
    @discardableResult
    static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { SystemFile.writeAll(fd, UnsafeRawBufferPointer($0)).errno == 0 }
    }
}
