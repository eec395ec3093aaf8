// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Testing
    import Tracing

    @testable import PerfLogTracing

    /// The attributes the mapping reads, found in one pass: current OpenTelemetry names win over the
    /// older ones, a value of the wrong type is ignored (and counted for method and status).
    @Suite struct SpanFactsTests {
        @Test func currentNamesWinOverOlderOnes() {
            let facts = SpanFacts([
                "http.request.method": "POST", "http.method": "GET", "http.response.status_code": 201,
                "http.status_code": 500, "server.address": "llm.internal", "net.peer.name": "10.0.0.7",
                "db.query.text": "SELECT 1", "db.statement": "SELECT 2", "http.route": "/a/{id}",
            ])
            #expect(facts.method == "POST")
            #expect(facts.status == 201)
            #expect(facts.host == "llm.internal")
            #expect(facts.statement == "SELECT 1")
            #expect(facts.route == "/a/{id}")
            #expect(facts.isDatabase)
            #expect(!facts.oddlyTyped)
        }

        @Test func olderNamesAreReadWhenTheCurrentOnesAreMissingOrUnusable() {
            let facts = SpanFacts([
                "http.request.method": 7, "http.method": "GET", "http.response.status_code": "abc",
                "http.status_code": 503.0, "net.peer.name": "10.0.0.7", "db.statement": "SELECT 2",
            ])
            #expect(facts.method == "GET")
            #expect(facts.status == 503)
            #expect(facts.host == "10.0.0.7")
            #expect(facts.statement == "SELECT 2")
            #expect(facts.route == nil)
            #expect(facts.oddlyTyped)
        }

        @Test func aDatabaseSystemAloneMakesADatabaseSpanAndOtherKeysAreIgnored() {
            #expect(SpanFacts(["db.system": "postgresql"]).isDatabase)
            #expect(SpanFacts(["db.system.name": 1]).isDatabase)
            #expect(SpanFacts(["db.query.text": 1]).isDatabase == false)
            let other = SpanFacts(["db.systems": "x", "http.routes": "/x", "HTTP.ROUTE": "/y", "url.path": "/z"])
            #expect(!other.isDatabase && other.route == nil && other.method == nil && other.status == nil)
        }

        /// The fact a pair of names gives, as text.
        enum Fact: Sendable {
            case method, host, statement, status

            func text(_ f: SpanFacts) -> String? {
                switch self {
                case .method: f.method
                case .host: f.host
                case .statement: f.statement
                case .status: f.status.map { String($0) }
                }
            }
        }

        @Test(
            arguments: [
                (
                    Fact.method, "http.request.method", SpanAttribute.string("POST"), "http.method",
                    SpanAttribute.string("GET")
                ),
                (.host, "server.address", "llm.internal", "net.peer.name", "10.0.0.7"),
                (.statement, "db.query.text", "SELECT 1", "db.statement", "SELECT 2"),
                (.status, "http.response.status_code", 201, "http.status_code", 500),
            ] as [(Fact, String, SpanAttribute, String, SpanAttribute)])
        func aCurrentNameWinsInEitherOrderAndAnOlderOneFillsIn(
            fact: Fact, current: String, currentValue: SpanAttribute, older: String, olderValue: SpanAttribute
        ) {
            func text(_ pairs: [(String, SpanAttribute)]) -> String? {
                var f = SpanFacts([:])
                for (key, value) in pairs { f.read(key, value) }
                return fact.text(f)
            }
            let currentText = text([(current, currentValue)])
            let olderText = text([(older, olderValue)])
            #expect(currentText != nil && olderText != nil && currentText != olderText)
            #expect(text([(current, currentValue), (older, olderValue)]) == currentText)
            #expect(text([(older, olderValue), (current, currentValue)]) == currentText)
            #expect(text([(current, .bool(true)), (older, olderValue)]) == olderText)
            #expect(text([(older, olderValue), (current, .bool(true))]) == olderText)
            #expect(text([(current, .bool(true))]) == nil)
        }

        @Test(
            arguments: [
                (SpanAttribute.int64(404), 404), (.int32(200), 200), (.double(503), 503), (.string("201"), 201),
                (.double(200.5), nil), (.int64(99), nil), (.int64(1000), nil), (.string("2000"), nil),
                (.bool(true), nil),
                (.double(.nan), nil),
            ] as [(SpanAttribute, Int?)])
        func statusCodes(_ value: SpanAttribute, _ expected: Int?) {
            #expect(SpanFacts.statusCode(value) == expected)
        }
    }
#endif
