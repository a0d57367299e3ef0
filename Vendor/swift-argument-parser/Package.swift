// swift-tools-version:6.0
// apple/swift-argument-parser 1.8.2 (commit 436bde4bb9489201ca6662f5cf94ec45fa8e244e), the
// ArgumentParser and ArgumentParserToolInfo targets only, with one file changed:
// Sources/ArgumentParser/Utilities/Foundation.swift no longer imports FoundationEssentials (see
// VENDORED.md). Everything else is upstream, unmodified.
import PackageDescription

let package = Package(
    name: "swift-argument-parser",
    products: [
        .library(name: "ArgumentParser", targets: ["ArgumentParser"])
    ],
    targets: [
        // Upstream's own deprecation warnings are silenced, as SwiftPM does for a remote dependency.
        .target(
            name: "ArgumentParser", dependencies: ["ArgumentParserToolInfo"],
            swiftSettings: [.unsafeFlags(["-suppress-warnings"])]),
        .target(name: "ArgumentParserToolInfo", swiftSettings: [.unsafeFlags(["-suppress-warnings"])]),
    ]
)
