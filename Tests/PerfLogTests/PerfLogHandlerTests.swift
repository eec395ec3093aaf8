import Foundation
import Logging
import Testing

@testable import PerfLog

struct DatabaseError: Error, CustomStringConvertible {
    var description: String
}

@Suite struct PerfLogHandlerTests {
    typealias S = LineTestSupport

    static func logger(
        _ sink: InMemorySink, level: Logger.Level = .info, provider: Logger.MetadataProvider? = nil,
        redaction: MetadataRedaction = .default, errorRendering: ErrorRendering = .typeName
    ) -> Logger {
        var l = Logger(label: "tta.api") { label in
            PerfLogHandler(
                label: label, sink: sink, metadataProvider: provider, redaction: redaction,
                errorRendering: errorRendering)
        }
        l.logLevel = level
        return l
    }

    @Test func writesOneLinePerLogCallThroughSwiftLog() {
        let sink = InMemorySink()
        let log = Self.logger(sink)
        log.info("hello")
        log.warning("careful", metadata: ["k": "v"])
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"info","logger":"tta.api","msg":"hello"}"#,
                #"{"ts":"TS","level":"warning","logger":"tta.api","msg":"careful","meta":{"k":"v"}}"#,
            ])
        #expect(sink.lineBytes.allSatisfy { $0.last == 0x0A })
    }

    @Test func respectsTheLogLevelAsAValue() {
        let sink = InMemorySink()
        var log = Self.logger(sink, level: .notice)
        let copy = log
        log.info("dropped")
        log.notice("kept")
        log.logLevel = .trace
        log.trace("kept too")
        copy.debug("dropped by the copy")
        #expect(sink.lines.map { S.json($0)?["msg"] as? String } == ["kept", "kept too"])
        #expect(copy.logLevel == .notice)
    }

    @Test func writesEveryLevelByItsName() {
        let sink = InMemorySink()
        let log = Self.logger(sink, level: .trace)
        for level in Logger.Level.allCases { log.log(level: level, "x") }
        #expect(
            sink.lines.map { S.json($0)?["level"] as? String } == [
                "trace", "debug", "info", "notice", "warning", "error", "critical",
            ])
    }

    @Test func mergesHandlerThenProviderThenCallSiteMetadata() {
        let sink = InMemorySink()
        let provider = Logger.MetadataProvider { ["trace_id": "t-1", "shared": "provider", "p": "only"] }
        var log = Self.logger(sink, provider: provider)
        log[metadataKey: "shared"] = "handler"
        log[metadataKey: "h"] = "only"
        log[metadataKey: "site"] = "handler"
        log.info("m", metadata: ["site": "call", "c": "only"])
        log.info("n")
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"info","logger":"tta.api","msg":"m","meta":{"c":"only","h":"only","p":"only","shared":"provider","site":"call","trace_id":"t-1"}}"#,
                #"{"ts":"TS","level":"info","logger":"tta.api","msg":"n","meta":{"h":"only","p":"only","shared":"provider","site":"handler","trace_id":"t-1"}}"#,
            ])
    }

    @Test func handlerMetadataIsAValueOfEachLogger() {
        let sink = InMemorySink()
        var a = Self.logger(sink)
        a[metadataKey: "request_id"] = "r1"
        var b = a
        b[metadataKey: "request_id"] = "r2"
        b[metadataKey: "request_id"] = nil
        a.info("a")
        b.info("b")
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"info","logger":"tta.api","msg":"a","meta":{"request_id":"r1"}}"#,
                #"{"ts":"TS","level":"info","logger":"tta.api","msg":"b"}"#,
            ])
    }

    @Test func writesTheErrorOfALogCall() {
        let sink = InMemorySink()
        Self.logger(sink).error("query failed", error: DatabaseError(description: "connection reset"))
        Self.logger(sink, errorRendering: .typeNameAndDescription(maxBytes: 30))
            .error("again", error: DatabaseError(description: "connection reset by peer, retrying"))
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"error","logger":"tta.api","msg":"query failed","error":"DatabaseError"}"#,
                #"{"ts":"TS","level":"error","logger":"tta.api","msg":"again","error":"DatabaseError: connection rese"}"#,
            ])
    }

    @Test func redactsTheDefaultKeysCaseInsensitivelyAtAnyDepth() {
        let sink = InMemorySink()
        let provider = Logger.MetadataProvider { ["Authorization": "Bearer abc"] }
        var log = Self.logger(sink, provider: provider)
        log[metadataKey: "API_KEY"] = "k-123"
        log.info(
            "login",
            metadata: [
                "user": "u1", "password": "hunter2",
                "request": ["headers": ["Cookie": "sid=1", "Set-Cookie": ["a", "b"], "accept": "*/*"]],
                "Token": ["nested": "x"], "list": [["secret": "s"]],
            ])
        let line = sink.lines[0]
        for secret in ["abc", "k-123", "hunter2", "sid=1", "\"a\"", "\"x\"", "\"s\""] {
            #expect(!line.contains(secret), "\(secret)")
        }
        #expect(
            S.normalized(line)
                == #"{"ts":"TS","level":"info","logger":"tta.api","msg":"login","meta":{"API_KEY":"[REDACTED]","Authorization":"[REDACTED]","Token":"[REDACTED]","list":[{"secret":"[REDACTED]"}],"password":"[REDACTED]","request":{"headers":{"Cookie":"[REDACTED]","Set-Cookie":"[REDACTED]","accept":"*/*"}},"user":"u1"}}"#
        )
        #expect(
            MetadataRedaction.defaultKeys == [
                "password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "cookie", "set-cookie",
            ])
    }

    @Test func redactsAConfiguredListOnly() {
        let sink = InMemorySink()
        let log = Self.logger(sink, redaction: MetadataRedaction(keys: ["Email"]))
        log.info("x", metadata: ["email": "a@b.c", "password": "p"])
        #expect(S.normalized(sink.lines[0]).hasSuffix(#""meta":{"email":"[REDACTED]","password":"p"}}"#))
    }

    @Test func bootstrapHelperBuildsPerfLogHandlers() {
        // LoggingSystem.bootstrap may run once per process; check the factory it installs instead.
        let sink = InMemorySink()
        let handler = PerfLogHandler(label: "x", sink: sink)
        #expect(handler.logLevel == .info)
        #expect(handler.redaction == .default)
        #expect(handler.metadata.isEmpty)
    }
}
