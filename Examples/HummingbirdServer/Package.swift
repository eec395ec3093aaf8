// swift-tools-version: 6.1
// A Hummingbird 2 server wired to perflog the way README.md ("In a Swift server") shows: logging,
// metrics, tracing, lifecycle and resource sampling. A separate package so that library users never
// pull Hummingbird. Run: scripts/e2e-server.sh (builds it in release, loads it, checks the logs).
import PackageDescription

let package = Package(
    name: "perflog-hummingbird-server",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "perflog", path: "../..", traits: ["Tracing"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdServer",
            dependencies: [
                .product(name: "PerfLog", package: "perflog"),
                .product(name: "PerfLogMetrics", package: "perflog"),
                .product(name: "PerfLogTracing", package: "perflog"),
                .product(name: "PerfLogLifecycle", package: "perflog"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
