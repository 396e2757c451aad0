// swift-tools-version:6.0
// "The limit" for the benchmarks: three throwaway servers that do almost no HTTP work (find
// the end of each request head, answer with fixed bytes in one send) on the three event
// designs in question — a Dispatch source per connection on one serial queue per core (Lattice
// before its own epoll sets), one Dispatch source per queue on that queue's epoll set ("hybrid",
// Lattice since), and an epoll loop per thread. Its own package, so it never enters the product's build or CI.
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
