import PerfLog
import Testing

@Suite struct HTTPConventionsTests {
    @Test func methodAndRouteTemplateFormTheOp() {
        #expect(HTTPConventions.operationName(method: "GET", route: "/users/{id}") == "api.GET /users/{id}")
        #expect(HTTPConventions.operationName(method: "POST", route: nil) == "api.POST (no route)")
        #expect(HTTPConventions.operationName(method: "", route: "") == "api._OTHER (no route)")
    }

    @Test func statusCodesAreThreeDigitIntegers() {
        #expect(HTTPConventions.statusCode("404") == 404)
        #expect(HTTPConventions.statusCode("99") == nil)
        #expect(HTTPConventions.statusCode("2000") == nil)
        #expect(HTTPConventions.statusCode("+20") == nil)
        #expect(HTTPConventions.statusCode("abc") == nil)
    }
}
