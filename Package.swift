// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The faster deflate libraries are used when their headers are installed (Debian: libdeflate-dev,
// libisal-dev); without them perflog builds and runs on zlib alone. PERFLOG_ZLIB_ONLY=1 forces
// the zlib-only build (CI checks that it still builds and passes). README.md, "Compression".
let zlibOnly = ProcessInfo.processInfo.environment["PERFLOG_ZLIB_ONLY"] == "1"
func headerExists(_ name: String) -> Bool {
    ["/usr/include", "/usr/local/include", "/opt/homebrew/include"].contains {
        FileManager.default.fileExists(atPath: "\($0)/\(name)")
    }
}
let withLibdeflate = !zlibOnly && headerExists("libdeflate.h")
let withISAL = !zlibOnly && headerExists("isa-l/igzip_lib.h")
var fastDeflateDefines: [CSetting] = []
var fastDeflateLibraries: [LinkerSetting] = [.linkedLibrary("z")]
if withLibdeflate {
    fastDeflateDefines.append(.define("CFASTDEFLATE_LIBDEFLATE"))
    fastDeflateLibraries.append(.linkedLibrary("deflate"))
}
if withISAL {
    fastDeflateDefines.append(.define("CFASTDEFLATE_ISAL"))
    fastDeflateLibraries.append(.linkedLibrary("isal"))
}

let package = Package(
    name: "perflog",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PerfLog", targets: ["PerfLog"]),
        .library(name: "PerfLogMetrics", targets: ["PerfLogMetrics"]),
        .library(name: "PerfLogAnalysis", targets: ["PerfLogAnalysis"]),
        .library(name: "PerfLogTracing", targets: ["PerfLogTracing"]),
        .library(name: "PerfLogLifecycle", targets: ["PerfLogLifecycle"]),
        .executable(name: "perflog", targets: ["perflog"]),
    ],
    // PerfLogTracing needs the `Tracing` trait: an app asks for it with
    // `.package(url: …, traits: ["Tracing"])`, `swift test --traits Tracing` runs its tests. Without
    // the trait SwiftPM neither fetches nor builds swift-distributed-tracing (PerfLogTracing is then
    // an empty module), so apps that only log stay light. README.md, "In a Swift server".
    traits: [
        .trait(name: "Tracing", description: "PerfLogTracing: a swift-distributed-tracing backend.")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CByteScan"),
        .target(name: "CFastDeflate", cSettings: fastDeflateDefines, linkerSettings: fastDeflateLibraries),
        .target(
            name: "PerfLog",
            dependencies: [
                "CZlib",
                "CFastDeflate",
                "CByteScan",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PerfLogMetrics",
            dependencies: [
                "PerfLog",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PerfLogTracing",
            dependencies: [
                "PerfLog",
                .product(name: "Tracing", package: "swift-distributed-tracing", condition: .when(traits: ["Tracing"])),
                .product(
                    name: "Instrumentation", package: "swift-distributed-tracing",
                    condition: .when(traits: ["Tracing"])
                ),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PerfLogLifecycle",
            dependencies: [
                "PerfLog",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PerfLogAnalysis",
            dependencies: [
                "PerfLog",
                "CZlib",
                "CByteScan",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "perflog",
            dependencies: [
                "PerfLog",
                "PerfLogAnalysis",
                "PerfLogMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The writer's test and benchmark driver: built with the package, never a product.
        .executableTarget(
            name: "perflog-writer-driver",
            dependencies: ["PerfLog", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "PerfLogTests",
            dependencies: ["PerfLog", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "PerfLogMetricsTests",
            dependencies: ["PerfLogMetrics", "PerfLog", .product(name: "Metrics", package: "swift-metrics")]
        ),
        .testTarget(
            name: "PerfLogTracingTests",
            dependencies: [
                "PerfLogTracing", "PerfLog",
                .product(name: "Tracing", package: "swift-distributed-tracing", condition: .when(traits: ["Tracing"])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PerfLogLifecycleTests",
            dependencies: [
                "PerfLogLifecycle", "PerfLog",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PerfLogAnalysisTests",
            dependencies: ["PerfLogAnalysis", "PerfLog", .product(name: "Histogram", package: "hdrhistogram-swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PerfLogCLITests",
            // The executables so that SwiftPM builds the binaries these tests run, next to the test bundle.
            dependencies: ["perflog", "perflog-writer-driver", "PerfLog", "PerfLogAnalysis"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
