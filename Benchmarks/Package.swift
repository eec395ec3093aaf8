// swift-tools-version: 6.1
// A separate package so that library users never pull the benchmark harness.
// Run: swift package --package-path Benchmarks benchmark   (see BENCHMARKS.md)
import PackageDescription

let package = Package(
    name: "perflog-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "perflog", path: "..", traits: ["Tracing"]),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    ],
    targets: [
        // What the callgrind drivers share: a sink that counts bytes, the repetition count.
        .target(
            name: "CallgrindSupport",
            dependencies: [.product(name: "PerfLog", package: "perflog")],
            path: "CallgrindSupport"
        ),
        // Ends spans in a loop for callgrind's instruction counts (BENCHMARKS.md, "Per-span cost").
        .executableTarget(
            name: "SpanCallgrindDriver",
            dependencies: [
                "CallgrindSupport",
                .product(name: "PerfLog", package: "perflog"),
                .product(name: "PerfLogTracing", package: "perflog"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "SpanCallgrindDriver"
        ),
        // Logs a traced request's line in a loop, for callgrind (BENCHMARKS.md, "Per-request log line").
        .executableTarget(
            name: "LogCallgrindDriver",
            dependencies: [
                "CallgrindSupport",
                .product(name: "PerfLog", package: "perflog"),
                .product(name: "PerfLogTracing", package: "perflog"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "LogCallgrindDriver"
        ),
        .executableTarget(
            name: "PerfLogBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PerfLog", package: "perflog"),
                .product(name: "PerfLogAnalysis", package: "perflog"),
                .product(name: "PerfLogTracing", package: "perflog"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/PerfLogBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
