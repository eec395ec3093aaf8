import PerfLog
import Testing

@Suite struct HTTPOperationTests {
    @Test func namesAServedRequestByMethodAndRouteTemplate() {
        #expect(HTTPOperation.server(method: "GET", route: "/users/{id}") == "api.GET /users/{id}")
        #expect(HTTPOperation.server(method: "POST", route: "/") == "api.POST /")
    }

    @Test func anUnmatchedRequestIsOneOpPerMethod() {
        #expect(HTTPOperation.server(method: "GET", route: nil) == "api.GET (no route)")
        #expect(HTTPOperation.server(method: "GET", route: "") == "api.GET (no route)")
        #expect(HTTPOperation.server(method: "GET", route: "NotFound") == "api.GET (no route)")
    }

    @Test func namesASentRequestByMethodAndHost() {
        #expect(HTTPOperation.client(method: "POST", host: "llm.internal") == "http.POST llm.internal")
        #expect(HTTPOperation.client(method: "GET", host: nil) == "http.GET (no host)")
        #expect(HTTPOperation.client(method: "GET", host: "") == "http.GET (no host)")
    }
}
