// swift-tools-version: 6.0
// libFuzzer targets for perflog, in their own package so the main build never compiles them.
//
// Build one target (see scripts/fuzz.sh, which does this for you):
//   swift build --package-path Fuzz -c release --product FuzzLineScanner \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import Foundation
import PackageDescription

// A path dependency is identified by its folder's name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let targets = [
    "FuzzLineScanner", "FuzzGzipReader", "FuzzWhereExpression", "FuzzTimeParser", "FuzzQueryFingerprint",
    "FuzzRulesLoader", "FuzzDeflateBackends", "FuzzQueryPrivacy",
]

let package = Package(
    name: "PerfLogFuzz",
    platforms: [.macOS(.v15)],
    products: targets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzSupport")]
        + targets.map {
            .executableTarget(
                name: $0,
                dependencies: [
                    "FuzzSupport",
                    .product(name: "PerfLog", package: root),
                    .product(name: "PerfLogAnalysis", package: root),
                ]
            )
        },
    swiftLanguageModes: [.v6]
)
