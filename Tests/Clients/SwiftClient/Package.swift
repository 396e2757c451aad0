// swift-tools-version:6.0
// A client generated from Lattice's /openapi.json by Apple's swift-openapi-generator, as a
// Swift developer would make one, and a check that calls every GET operation against a live
// server and decodes every response (scripts/clients_test.sh). Its own package, so the
// generator never enters the product's build.
import PackageDescription

let package = Package(
    name: "LatticeSwiftClient",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", exact: "1.4.0"),
    ],
    targets: [
        .executableTarget(
            name: "LatticeClientCheck",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        )
    ],
    swiftLanguageModes: [.v6]
)
