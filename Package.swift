// swift-tools-version:6.0
import PackageDescription

// Layers, each a target with one-way dependencies:
//   HTTP (LatticeHTTP)   sockets, connections, parsing, limits, timeouts, responses
//   Model (LatticeModel) domain types, seed loading and verification, indexes, queries
//     Synthetic (LatticeSynthetic) generated seeds for scale tests, on the model's records
//   API (LatticeAPI)     routes, parameters, rendering, errors, caching, OpenAPI
//   lattice              CLI, configuration, logging, signals
let package = Package(
    name: "Lattice",
    // Linux only: the server is built and tested on Linux (Glibc, epoll). No `platforms`
    // entry claims macOS; a kqueue EventSet and a Darwin system module would come first.
    products: [
        .executable(name: "lattice", targets: ["lattice"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Syscalls that Glibc's Swift module does not export (accept4 and friends).
        .target(name: "CSystem", path: "Sources/CSystem"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),

        .target(
            name: "LatticeHTTP", dependencies: ["CSystem"], path: "Sources/HTTP",
            // A connection's state machine lives in a class confined to one queue (its I/O
            // shell, Connection), so every mutation of it paid a dynamic exclusivity check
            // (~19 per request, ~7% of the server's user-space instructions, measured with
            // callgrind). Debug builds, which the tests run, keep the checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "LatticeModel", path: "Sources/Model"),
        // The synthetic seeds for scale tests (`lattice generate-seeds`), written with the
        // model's own record types; not part of the domain.
        .target(name: "LatticeSynthetic", dependencies: ["LatticeModel"], path: "Sources/Synthetic"),
        .target(name: "LatticeAPI", dependencies: ["LatticeHTTP", "LatticeModel", "CSystem", "CZlib"], path: "Sources/API"),
        .executableTarget(
            name: "lattice",
            dependencies: [
                "LatticeAPI", "LatticeHTTP", "LatticeModel", "LatticeSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/lattice"
        ),

        // Test-only: libcurl as a real HTTP client, and the helpers that drive it.
        .systemLibrary(
            name: "CCurl", path: "Tests/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "TestSupport", dependencies: ["CCurl", "LatticeHTTP", "CSystem"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["LatticeHTTP", "TestSupport"], path: "Tests/HTTPTests"),
        .testTarget(name: "ModelTests", dependencies: ["LatticeModel"], path: "Tests/ModelTests"),
        .testTarget(name: "SyntheticTests", dependencies: ["LatticeSynthetic", "LatticeModel"], path: "Tests/SyntheticTests"),
        .testTarget(name: "CLITests", dependencies: ["lattice", "TestSupport"], path: "Tests/CLITests"),
        .testTarget(
            name: "APITests", dependencies: ["LatticeAPI", "LatticeModel", "LatticeHTTP", "TestSupport", "CZlib"],
            path: "Tests/APITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
