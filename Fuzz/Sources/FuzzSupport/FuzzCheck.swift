#if canImport(Glibc)
    import Glibc
#endif

/// Checks an invariant of a fuzz target; on failure prints `message` to stderr and aborts, so
/// libFuzzer records the input (a release `precondition` would drop the message).
@inline(__always)
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        let text = "fuzz invariant failed: " + message() + "\n"
        _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        abort()
    }
}
