/// A line sink behind a class reference, so the logging hot path calls it through one vtable
/// call instead of copying an `any LineSink` existential out of an optional, through value
/// witnesses plus a retain and release, for every event (BENCHMARKS.md, "Why the code is shaped
/// this way").
class SinkBox: @unchecked Sendable {
    // @unchecked Sendable: the base class has no state; the only subclass holds one immutable,
    // Sendable sink.

    /// Boxes `sink`, keeping its concrete type.
    static func make(_ sink: any LineSink) -> SinkBox { box(sink) }

    private static func box<S: LineSink>(_ sink: S) -> SinkBox { TypedSinkBox(sink) }

    /// Writes one line to the boxed sink.
    func write(line: UnsafeRawBufferPointer) {}
}

/// ``SinkBox`` for a sink of concrete type `S`.
final class TypedSinkBox<S: LineSink>: SinkBox, @unchecked Sendable {
    // @unchecked Sendable: `sink` is immutable and Sendable (LineSink refines Sendable).
    let sink: S

    init(_ sink: S) { self.sink = sink }

    override func write(line: UnsafeRawBufferPointer) { sink.write(line: line) }
}
