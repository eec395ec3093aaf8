#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about the machine and the process's terminal that the CLI needs.
enum SystemInfo {
    /// Cores available to this process.
    static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
    /// Whether standard input is a terminal.
    static var stdinIsTerminal: Bool { isatty(0) != 0 }
    /// Whether standard error is a terminal.
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
