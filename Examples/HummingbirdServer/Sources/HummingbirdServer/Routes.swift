import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Tracing

/// The routes, with the seed's latencies: a profile read (5–20 ms), a chat message (30–80 ms,
/// every 50th one a thrown 500), a user lookup running a query with an e-mail literal over the
/// slow-query threshold, and a health check doing nothing (the cheapest route). Any other path is
/// a 404.
enum Routes {
    static let chatMessages = Atomic<Int>(0)

    static func application(_ options: Options, services: [any Service]) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(TracingMiddleware())
        router.middlewares.add(MetricsMiddleware())
        router.middlewares.add(LogRequestsMiddleware(.info))

        router.get("/api/v1/health") { _, _ in "ok" }

        router.get("/api/v1/user/profile/{id}") { _, context -> String in
            let id = try context.parameters.require("id")
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...20)))
            return #"{"id":"\#(id)","name":"Ann"}"#
        }

        router.post("/api/v1/chat/message") { _, context -> String in
            let n = chatMessages.add(1, ordering: .relaxed).newValue
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...80)))
            if n % 50 == 0 {
                context.logger.error("the model backend failed")
                throw HTTPError(.internalServerError)
            }
            return #"{"reply":"I hear you."}"#
        }

        router.get("/api/v1/user/lookup") { _, context -> String in
            context.logger.info("looking a user up by e-mail")
            try await withSpan("find_user_by_email", ofKind: .client) { span in
                span.attributes["db.system.name"] = "postgresql"
                span.attributes["db.query.text"] = "SELECT id, name FROM users WHERE email = 'ann.lee@example.com'"
                try await Task.sleep(for: .milliseconds(Int(options.slowQueryMs) + 5))
            }
            return #"{"id":"42"}"#
        }

        return Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "perflog-example"),
            services: services,
            logger: Logger(label: "server"))
    }
}
