import ArgumentParser
@_spi(Internals) import PerfLog
@_spi(Internals) import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#endif

/// `perflog compress`: converts NDJSON (plain, or gzip from any tool) into perflog's indexed
/// multi-member gzip, so archives from elsewhere get parallel decompression and time skipping.
struct CompressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Convert NDJSON logs (plain or gzip) into perflog's indexed multi-member gzip archives.",
        discussion: """
            Each output member holds whole lines (about --member-size bytes of input) and carries the \
            PL index (sizes, line count, earliest and latest ts) in its gzip header; the result reads \
            unchanged with zcat, gzip -t, Python's gzip and DuckDB (docs/FORMAT.md, section 2).

            Inputs are recognised by their magic bytes, not their names. Without -o each input gets \
            its own output beside it:
              app.log          -> app.log.gz
              app.log.gz       -> app.log.perflog.gz   (a gzip input: another tool's, or perflog's)
            With -o, every input goes into OUT, one after the other, and OUT is replaced if it \
            exists (it was named explicitly). An output beside its input is never overwritten \
            unless --force is given. Outputs are written under a temporary name, \
            fsync'd and renamed into place, so a failure never leaves a partial archive. A last \
            line without a newline gets one.

            An empty input (no bytes once decompressed) is refused: no archive is written for it, \
            an error names it, the other inputs are still converted, and the exit status is 1. \
            Lines that are not JSON objects (a binary file, another format) are kept as they are, \
            and a warning on stderr says how many there are and where the first one is (perflog \
            analyze counts them as malformed).
            """)

    @Argument(help: "NDJSON files, plain or gzip.") var files: [String]
    @Option(name: [.short, .customLong("output")], help: "Write every input into this one archive.") var output: String?
    @Option(help: "Deflate level, 0 (store) to 9 (smallest).") var level: Int32 = 6
    @Option(help: "Input bytes per gzip member.") var memberSize = ArchiveWriter.defaultMemberInputSize
    @Option(
        help: ArgumentHelp(
            "Longest line accepted, in bytes: members hold whole lines, so a line is kept in memory until it ends; a longer one (or an input without newlines) stops the conversion with an error and no output.",
            valueName: "bytes"))
    var maxLineBytes = 64 << 20
    @Flag(help: "Overwrite existing outputs beside their inputs (-o always replaces OUT).") var force = false
    @Flag(name: .shortAndLong, help: "Print nothing on success.") var quiet = false

    func validate() throws {
        guard (0...9).contains(level) else { throw ValidationError("--level \(level) is not in 0...9") }
        guard memberSize >= 1024 else { throw ValidationError("--member-size must be at least 1024 bytes") }
        guard !files.isEmpty else { throw ValidationError("give at least one file to compress") }
        guard maxLineBytes >= memberSize else {
            throw ValidationError("--max-line-bytes (\(maxLineBytes)) must be at least --member-size (\(memberSize))")
        }
    }

    func run() throws {
        if let output {
            var empty = true
            try ArchiveFileWriter.produce(output, force: true) { writer in
                for f in files where try convert(f, into: writer) > 0 { empty = false }
                if empty { throw EmptyInput(inputs: files, output: output) }
            }
            if !quiet { print("\(files.joined(separator: ", ")) -> \(output)") }
        } else {
            var refused = 0
            for f in files {
                let out = try Self.defaultOutput(for: f)
                do {
                    try ArchiveFileWriter.produce(out, force: force) { writer in
                        if try convert(f, into: writer) == 0 { throw EmptyInput(inputs: [f], output: out) }
                    }
                } catch let empty as EmptyInput {
                    AnalysisRunner.writeStderr("Error: \(empty)\n")
                    refused += 1
                    continue
                }
                if !quiet { print("\(f) -> \(out)") }
            }
            if refused > 0 { throw ExitStatus.error.exitCode }
        }
    }

    /// The output beside `input` (see the command's discussion).
    static func defaultOutput(for input: String) throws -> String {
        if try InputFile.isGzip(input) {
            let stem = input.hasSuffix(".gz") ? String(input.dropLast(3)) : input
            return stem + ".perflog.gz"
        }
        return input + ".gz"
    }

    /// Appends the lines of `path` to `file`; warns about lines that are not JSON objects.
    ///
    /// - Returns: the number of decoded bytes read.
    private func convert(_ path: String, into file: ArchiveFileWriter) throws -> Int {
        let archive = try ArchiveWriter(level: level, memberInputSize: memberSize) { bytes in try file.write(bytes) }
        archive.maxLineBytes = maxLineBytes
        var bytes = 0
        var check = ObjectLineCount()
        do {
            try InputFile.read(path) { piece in
                bytes += piece.count
                check.feed(piece)
                try archive.append(piece)
            }
        } catch let e as ArchiveWriter.LineTooLong {
            throw InputFile.Failure(description: "\(path): \(e) (--max-line-bytes); nothing was written")
        }
        try archive.finish()
        check.finish()
        if check.nonObjects > 0, let first = check.firstNonObjectLine {
            let what =
                check.nonObjects == check.lines
                ? "none of its \(check.lines) lines is a JSON object"
                : "\(check.nonObjects) of its \(check.lines) lines are not JSON objects"
            AnalysisRunner.writeStderr(
                "perflog compress: warning: \(path): \(what) (the first is line \(first)); "
                    + "they are kept as they are, and perflog analyze counts them as malformed\n")
        }
        return bytes
    }
}

/// An input with no bytes (once decompressed): no archive is written for it.
struct EmptyInput: Error, CustomStringConvertible {
    let inputs: [String]
    let output: String

    var description: String {
        "\(inputs.joined(separator: ", ")) \(inputs.count == 1 ? "is" : "are") empty: nothing to compress, \(output) not written"
    }
}

/// Reads an input file, inflating gzip (any tool's, any number of members) when its magic says so.
enum InputFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func open(_ path: String) throws -> Int32 {
        let fd = SystemFile.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw Failure(description: "\(path) is a directory")
        }
        return fd
    }

    static func isGzip(_ path: String) throws -> Bool {
        let fd = try open(path)
        defer { close(fd) }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) }
        return n == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }

    /// Calls `body` with the decoded bytes of `path`, piece by piece.
    static func read(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let gzip = try isGzip(path)
        let fd = try open(path)
        defer { close(fd) }
        var readError: Failure?
        func readInput(_ into: UnsafeMutableRawBufferPointer) -> Int {
            while readError == nil {
                let n = SystemFile.read(fd, into.baseAddress, into.count)
                if n >= 0 { return n }
                if errno != EINTR {
                    readError = Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))")
                }
            }
            return 0
        }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        guard gzip else {
            while case let n = readInput(buffer), n > 0 { try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            if let readError { throw readError }
            return
        }
        let decoder = try GzipStreamDecoder(input: readInput)
        var problem: GzipStreamDecoder.Problem?
        decoder.onProblem = { if problem == nil { problem = $0 } }
        while problem == nil, case let n = decoder.read(into: buffer), n > 0 {
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        if let readError { throw readError }
        if let problem { throw Failure(description: "\(path): \(problem)") }
    }
}

/// Writes an archive under a temporary name beside `path`, fsyncs and renames it into place.
final class ArchiveFileWriter {
    private let fd: Int32
    private let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        let e = SystemFile.writeAll(fd, bytes).errno
        guard e == 0 else {
            throw InputFile.Failure(description: "cannot write \(path): \(String(cString: strerror(e)))")
        }
    }

    static func produce(_ path: String, force: Bool, _ body: (ArchiveFileWriter) throws -> Void) throws {
        if !force && access(path, F_OK) == 0 {
            throw InputFile.Failure(description: "\(path) already exists (use --force to overwrite it)")
        }
        let slash = path.lastIndex(of: "/")
        let dirPart = slash.map { String(path[...$0]) } ?? ""
        let namePart = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tmp = dirPart + "." + namePart + ".tmp-\(getpid())"
        let fd = SystemFile.open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode: 0o640)
        guard fd >= 0 else {
            throw InputFile.Failure(description: "cannot create \(tmp): \(String(cString: strerror(errno)))")
        }
        let w = ArchiveFileWriter(fd: fd, path: tmp)
        var open = true
        do {
            try body(w)
            guard fsync(fd) == 0 else {
                throw InputFile.Failure(description: "cannot fsync \(tmp): \(String(cString: strerror(errno)))")
            }
            close(fd)
            open = false
            guard rename(tmp, path) == 0 else {
                throw InputFile.Failure(
                    description: "cannot rename \(tmp) to \(path): \(String(cString: strerror(errno)))")
            }
            let dfd = SystemFile.open(dirPart.isEmpty ? "." : dirPart, O_RDONLY | O_DIRECTORY)
            if dfd >= 0 {
                fsync(dfd)
                close(dfd)
            }
        } catch {
            if open { close(fd) }
            unlink(tmp)
            throw error
        }
    }
}
