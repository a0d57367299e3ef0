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
        // apple/swift-argument-parser 1.8.2, vendored with FoundationEssentials cut out (Vendor/VENDORED.md).
        .package(path: "Vendor/swift-argument-parser"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure value types and codecs, one folder per protocol: no I/O, no Foundation.
        .target(
            name: "LightProtocols",
            // Floating-point rounding in the JSON code calls into libm.
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        // Configuration model, events, mode table, router (issue 5); the bridge's pure core.
        .target(
            name: "BridgeCore",
            dependencies: ["LightProtocols", .product(name: "Logging", package: "swift-log")]
        ),
        // System-library shims (DESIGN.md: libgpiod and libusb static, libudev dynamic).
        .systemLibrary(name: "CGPIOD"),
        .systemLibrary(name: "CUDev"),
        .systemLibrary(name: "CLibUSB"),
        .target(name: "CTermios"),
        // Linux I/O: termios serial ports, GPIO lines, udev hotplug, libusb.
        .target(
            name: "BridgeIO",
            dependencies: [
                "BridgeCore", "LightProtocols", "CGPIOD", "CUDev", "CLibUSB", "CTermios",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One client driver per light protocol on SwiftNIO (timeouts, retries, acknowledgements).
        .target(
            name: "LightDrivers",
            dependencies: [
                "LightProtocols", "BridgeCore", "BridgeIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One device simulator per protocol, for tests and the demo.
        .target(
            name: "Simulators",
            dependencies: [
                "LightProtocols", "BridgeIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The executable: subcommands only.
        .target(
            name: "Bridge",
            dependencies: [
                "BridgeCore", "BridgeIO", "LightDrivers", "LightProtocols",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Demo",
            dependencies: [
                "Bridge", "BridgeCore", "BridgeIO", "LightProtocols", "Simulators",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "lightbridge",
            dependencies: [
                "LightProtocols", "BridgeIO", "LightDrivers", "Simulators", "Bridge", "BridgeCore", "Demo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Codec throughput benchmark (a command, not a test): see BENCHMARKS.md.
        .executableTarget(
            name: "lightbridge-bench",
            dependencies: ["LightProtocols"]
        ),
        .testTarget(name: "BridgeCoreTests", dependencies: ["BridgeCore"]),
        .testTarget(
            name: "LightDriversTests",
            dependencies: [
                "LightDrivers", "Simulators", "LightProtocols", "BridgeCore", "BridgeIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BridgeTests",
            dependencies: [
                "Bridge", "BridgeCore", "BridgeIO", "LightDrivers", "Simulators", "LightProtocols",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BridgeIOTests",
            dependencies: [
                "BridgeIO", "BridgeCore", "LightProtocols",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
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
