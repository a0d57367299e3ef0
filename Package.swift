// swift-tools-version: 6.1
import PackageDescription

/// LightBridge: one daemon that bridges a PLC (Caron Smart Light command language) to
/// networked lighting. See README.md and ../shared/DESIGN.md for the layout.
let package = Package(
    name: "LightBridge",
    products: [
        .executable(name: "lightbridge", targets: ["lightbridge"]),
        .library(name: "LightProtocols", targets: ["LightProtocols"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure value types and codecs, one folder per protocol: no I/O, no Foundation.
        .target(
            name: "LightProtocols",
            // Floating-point rounding in the JSON code calls into libm.
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        // The executable: subcommands only.
        .executableTarget(
            name: "lightbridge",
            dependencies: [
                "LightProtocols",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Codec throughput benchmark (a command, not a test): see BENCHMARKS.md.
        .executableTarget(
            name: "lightbridge-bench",
            dependencies: ["LightProtocols"]
        ),
        .testTarget(
            name: "LightProtocolsTests",
            dependencies: [
                "LightProtocols",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
