// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import PerfLog
    import Testing
    import Tracing

    @testable import PerfLogTracing

    /// The ops of HTTP spans, reused per method and route: the same bytes as ``HTTPOperation``
    /// builds, cut as ``SpanMapping`` cuts, whatever the table holds, and never more than its slots.
    @Suite struct HTTPOperationCacheTests {
        typealias S = TracingTestSupport

        @Test func givesHTTPOperationsOpsOnTheFirstAndEveryLaterCall() {
            let cache = HTTPOperationCache()
            for _ in 0..<3 {
                #expect(cache.server(method: "GET", route: "/users/{id}") == ("api.GET /users/{id}", false))
                #expect(cache.server(method: "GET", route: nil) == ("api.GET (no route)", false))
                #expect(cache.server(method: "GET", route: "NotFound") == ("api.GET (no route)", false))
                #expect(cache.server(method: "GET", route: "") == ("api.GET (no route)", false))
                #expect(cache.server(method: "POST", route: "/users/{id}") == ("api.POST /users/{id}", false))
                #expect(cache.client(method: "POST", host: "llm.internal") == ("http.POST llm.internal", false))
                #expect(cache.client(method: "POST", host: "") == ("http.POST (no host)", false))
                #expect(cache.client(method: "GET", host: "/users/{id}") == ("http.GET /users/{id}", false))
                #expect(cache.server(method: "GET", route: "/users/{id}x") == ("api.GET /users/{id}x", false))
            }
            // Keys are the routes and hosts as given: "NotFound", "" and nil are three with one op.
            #expect(cache.count == 9)
        }

        @Test(arguments: [
            ("/caf\u{E9}/", "/cafe\u{301}/"), ("/K/", "/\u{212A}/"), ("/a\u{323}\u{307}/", "/a\u{307}\u{323}/"),
        ])
        func canonicallyEquivalentRoutesInOneSlotEachKeepTheirOwnBytes(_ first: String, _ second: String) {
            // Equal to `==`, not in bytes: what a route keyed by `==` alone would mix up.
            #expect(first == second && Array(first.utf8) != Array(second.utf8))
            #expect(!HTTPOperationCache.sameBytes(first, second) && HTTPOperationCache.sameBytes(first, first))
            #expect(!HTTPOperationCache.sameBytes(first, nil) && HTTPOperationCache.sameBytes(nil, nil))
            // Pairs that share a slot, as a hash collision puts them; each inserted in both orders.
            let pairs = (0..<20_000).lazy.map { (first + "\($0)", second + "\($0)") }.filter {
                HTTPOperationCache.slot(.server, "GET", $0.0).0 == HTTPOperationCache.slot(.server, "GET", $0.1).0
            }
            let colliding = Array(pairs.prefix(4))
            #expect(colliding.count == 4)
            for (a, b) in colliding {
                for order in [[a, b], [b, a]] {
                    let cache = HTTPOperationCache()
                    for route in order + order {
                        let (op, cut) = cache.server(method: "GET", route: route)
                        #expect(Array(op.utf8) == Array("api.GET \(route)".utf8) && !cut)
                    }
                    #expect(cache.count == 1)
                }
            }
        }

        @Test func tenThousandDistinctRoutesEachGetTheirOwnOpAndTheTableStaysBounded() {
            let cache = HTTPOperationCache()
            for round in 0..<2 {
                for i in 0..<10_000 {
                    let route = "/items/\(i)/parts/{id}"
                    let method = i % 3 == 0 ? "GET" : "DELETE"
                    #expect(cache.server(method: method, route: route) == ("api.\(method) \(route)", false), "\(round)")
                }
            }
            #expect(cache.count <= HTTPOperationCache.slotCount)
            #expect(cache.count > HTTPOperationCache.slotCount / 2)
        }

        @Test func anOpOverTheLimitIsCutEachTimeAndNeverKept() {
            let cache = HTTPOperationCache()
            let route = "/" + String(repeating: "é", count: 200)
            let expected = SpanMapping.bounded(HTTPOperation.server(method: "GET", route: route))
            #expect(expected.cut && expected.0.utf8.count == 255)
            for _ in 0..<2 {
                #expect(cache.server(method: "GET", route: route) == expected)
                #expect(cache.client(method: "GET", host: route) == SpanMapping.bounded("http.GET " + route))
            }
            #expect(cache.count == 0)
            // A key just short enough for an op under the limit is kept.
            let longest = "/" + String(repeating: "a", count: SpanMapping.maxOperationBytes - "api.GET /".utf8.count)
            #expect(cache.server(method: "GET", route: longest) == ("api.GET " + longest, false))
            #expect(cache.count == 1)
        }

        @Test func threadsSharingTheTableEachGetTheirOwnRoutesOps() async {
            let cache = HTTPOperationCache()
            let wrong = await withTaskGroup(of: Int.self) { group in
                for t in 0..<8 {
                    group.addTask {
                        var wrong = 0
                        for round in 0..<20 {
                            for i in 0..<400 {
                                // Shared routes, and routes of this task only, interleaved.
                                let route = i % 2 == 0 ? "/shared/\(i)" : "/task/\(t)/\(i)/{id}"
                                let method = ["GET", "PUT", "PATCH"][(i + round) % 3]
                                let (op, cut) = cache.server(method: method, route: route)
                                if op != "api.\(method) \(route)" || cut { wrong += 1 }
                            }
                        }
                        return wrong
                    }
                }
                return await group.reduce(0, +)
            }
            #expect(wrong == 0)
            #expect(cache.count <= HTTPOperationCache.slotCount)
        }

        @Test func spansOfManyRoutesEndedFromManyTasksCarryTheirOwnOps() async {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            await withTaskGroup(of: Void.self) { group in
                for t in 0..<4 {
                    group.addTask {
                        for i in 0..<500 {
                            let span = tracer.startSpan("r", context: .topLevel, ofKind: .server, at: S.at(0))
                            span.attributes["http.request.method"] = "GET"
                            span.attributes["http.route"] = "/t\(t)/r\(i % 300)"
                            span.attributes["http.response.status_code"] = 200 + t
                            span.end(at: S.at(1))
                        }
                    }
                }
            }
            var counts: [String: Int] = [:]
            for line in sink.lines {
                let json = S.json(line)
                let op = json?["op"] as? String ?? "?"
                #expect(json?["status"] as? Int == 200 + Int(op.dropFirst("api.GET /t".count).prefix(1))!)
                counts[op, default: 0] += 1
            }
            var expected: [String: Int] = [:]
            for t in 0..<4 {
                for i in 0..<500 { expected["api.GET /t\(t)/r\(i % 300)", default: 0] += 1 }
            }
            #expect(counts == expected)
        }
    }
#endif
