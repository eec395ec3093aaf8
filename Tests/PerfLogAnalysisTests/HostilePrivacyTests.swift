import Foundation
@_spi(Internals) import PerfLog
import Testing

@testable import PerfLogAnalysis

/// Privacy through the real logging path (issue 7): queries carrying e-mail addresses, names and
/// numbers go through `DatabaseMonitor` into a `RotatingFileWriter` with fast rotation and
/// compression; then every byte written (the active file and every segment, inflated) is searched
/// for the literals. With the default configuration none may be found.
@Suite struct HostilePrivacyTests {
    static let emails = ["alice.smith@example.org", "bob+therapy@clinic.example", "c.d@e.fg"]
    static let names = ["Zebediah Quimby", "O'Brien-Łukasiewicz", "Ünal Çelik"]
    static let numbers = ["918273645", "4417123456789113", "3.14159265", "1e308"]

    static func queries() -> [(String, String)] {
        var out: [(String, String)] = []
        for (i, e) in emails.enumerated() {
            out.append(("find_user", "SELECT * FROM patients WHERE email = '\(e)' AND id = \(numbers[i])"))
            out.append(("find_user_dq", "select id from patients where email=\"\(e)\" limit 1"))
            out.append(
                (
                    "in_list",
                    "SELECT * FROM notes WHERE author IN ('\(e)', '\(names[i].replacingOccurrences(of: "'", with: "''"))', \(numbers[i]))"
                ))
        }
        for (i, n) in names.enumerated() {
            let escaped = n.replacingOccurrences(of: "'", with: "''")
            out.append(
                ("by_name", "SELECT * FROM patients WHERE name = '\(escaped)' -- looked up \(n.filter { $0 != "'" })"))
            out.append(
                (
                    "insert",
                    "INSERT INTO sessions (patient, mood, score) VALUES ('\(escaped)', 'anxious', \(numbers[i])), ('x', 'calm', -\(numbers[3]))"
                ))
            out.append(
                ("update", "UPDATE t SET note = E'\(escaped)\\'s note', v = 0x\(numbers[0]) WHERE k = $1 /* \(n) */"))
        }
        return out
    }

    static func allWrittenBytes(_ dir: String) throws -> [UInt8] {
        var all: [UInt8] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            all += data  // the raw bytes too: nothing may leak into headers either
            if name.hasSuffix(".gz") {
                all += try GzipStreamDecoder.decode(data).bytes
            }
        }
        return all
    }

    @Test func noQueryLiteralReachesAnyWrittenByteWithTheDefaultConfiguration() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("perflog-privacy-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = RotatingFileWriter.Configuration(directory: dir, name: "app")
        config.rotation.maxBytes = 4096
        config.memberInputSize = 1024
        config.reportsFailuresOnStandardError = false
        let writer = try RotatingFileWriter(configuration: config)
        // Default fingerprinting and redaction; a threshold of 0 makes every query a slow_query
        // record (the threshold decides what is logged, not how it is scrubbed).
        let perf = PerformanceLogger(
            sink: writer,
            metadata: ["password": "hunter2-PLAIN", "authorization": "Bearer tok-PLAIN", "service": "notes"],
            slowQueries: SlowQueryPolicy(thresholdMs: 0))
        let db = DatabaseMonitor(performance: perf)
        let queries = Self.queries()
        for round in 0..<20 {
            for (name, q) in queries { _ = db.monitorQuery(name, query: q) { round } }
        }
        writer.close()
        let stats = writer.statistics()
        #expect(stats.linesDroppedByQueue == 0)
        let bytes = try Self.allWrittenBytes(dir)
        let text = String(decoding: bytes, as: UTF8.self)
        // Everything was written: a perf event and a slow_query record per query.
        let slow = text.components(separatedBy: #""event":"slow_query""#).count - 1
        #expect(slow == 20 * queries.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasSuffix(".gz") })
        var literals =
            Self.emails + Self.names + Self.numbers + [
                "hunter2-PLAIN", "tok-PLAIN", "anxious", "Quimby", "Brien", "kasiewicz", "clinic.example",
            ]
        literals += Self.emails.map { String($0.split(separator: "@")[0]) }
        for literal in literals {
            #expect(!text.contains(literal), "\(literal) leaked")
            #expect(bytes.withUnsafeBytes { b in !Self.contains(b, Array(literal.utf8)) }, "\(literal) leaked (bytes)")
        }
        #expect(text.contains("notes"))  // unredacted metadata is kept
        #expect(text.contains(#""query":"SELECT * FROM patients WHERE email = ? AND id = ?""#))
    }

    @Test func redactedMetadataKeysNeverReachTheLogAtAnyDepthOrCase() throws {
        let sink = InMemorySink()
        let perf = PerformanceLogger(
            sink: sink,
            metadata: [
                "password": "call-SECRET", "TOKEN": "t-SECRET", "api_key": "k-SECRET", "cookie": "c-SECRET",
                "Authorization": "Bearer handler-SECRET",
                "request": [
                    "headers": ["authorization": "nested-SECRET", "set-cookie": "sc-SECRET"], "path": "/login",
                ],
                "secret": .array(["a-SECRET"]),
            ])
        perf.recordRequest(op: "api.POST /login", durationMs: 12.5, status: 200)
        let text = sink.lines.joined(separator: "\n")
        #expect(!text.isEmpty)
        #expect(!text.contains("SECRET"), "\(text)")
        #expect(text.contains("/login"))
        for key in MetadataRedaction.defaultKeys { #expect(MetadataRedaction.default.matches(key)) }
    }

    static func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first && needle.indices.allSatisfy({ hay[i + $0] == needle[$0] }) { return true }
            i += 1
        }
        return false
    }
}
