import Foundation
import Testing

@Suite struct DottedKeyCommandTests {
    static let lines =
        [
            #"{"ts":"2026-11-28T10:00:00Z","event":"perf","op":"api.GET /chat","duration_ms":5,"status":200,"meta":{"http.route":"/chat"}}"#,
            #"{"ts":"2026-11-28T10:00:01Z","event":"perf","op":"api.GET /chat","duration_ms":7,"status":500,"outcome":"error","meta":{"http.route":"/chat"}}"#,
            #"{"ts":"2026-11-28T10:00:02Z","event":"perf","op":"api.GET /users","duration_ms":9,"status":200,"meta":{"http.route":"/users/{id}"}}"#,
        ].joined(separator: "\n") + "\n"

    func run(_ args: [String]) throws -> PerfLogBinary.Run {
        try PerfLogBinary.run(["analyze", "-", "--format", "csv"] + args, stdin: Data(Self.lines.utf8))
    }

    @Test func byAndWhereAddressAMetaKeyWithDots() throws {
        for by in ["meta.http.route", #"meta."http.route""#] {
            let r = try run(["--by", by])
            #expect(r.status == 0)
            #expect(r.stderr == "")
            let rows = r.stdout.split(whereSeparator: \.isNewline).dropFirst().map {
                $0.split(separator: ",").prefix(3).joined(separator: ",")
            }
            #expect(rows == ["/chat,2,1", "/users/{id},1,0"], "\(by): \(r.stdout) \(r.stderr)")
        }
        let w = try run(["--where", #"meta.http.route = "/chat""#])
        #expect(
            w.stdout.split(whereSeparator: \.isNewline).dropFirst().map {
                $0.split(separator: ",").prefix(2).joined(separator: ",")
            } == ["api.GET /chat,2"])
        #expect(w.stderr == "")
    }

    @Test func aFieldInNoRecordIsNamedWithTheClosestOneOnStderr() throws {
        let r = try run(["--by", "meta.http.rout", "--where", "statuss >= 200"])
        #expect(
            r.stderr == """
                perflog: warning: --by field 'meta.http.rout' occurs in no record; closest: meta."http.route"
                perflog: warning: --where field 'statuss' occurs in no record; closest: status

                """)
    }
}
