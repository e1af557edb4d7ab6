// swift-tools-version:6.0
import PackageDescription

// The HTTP client's own cost per request, without routectl around it: the floor under
// routectl import's CPU per row. Built and run by run.sh.
let package = Package(
    name: "ClientFloor",
    dependencies: [.package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0")],
    targets: [
        .executableTarget(name: "ClientFloor", dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ]
)
