// swift-tools-version:6.0
// "The limit" for the benchmarks: two throwaway servers that do almost no HTTP work (find
// the end of each request head, answer with fixed bytes in one send) on the two event
// designs in question — Dispatch sources on one serial queue per core, as Lattice does, and
// an epoll loop per thread. Its own package, so it never enters the product's build or CI.
import PackageDescription

let package = Package(
    name: "Floor",
    targets: [
        .target(name: "CFloor"),
        .executableTarget(
            name: "Floor",
            dependencies: ["CFloor"]
        ),
    ]
)
