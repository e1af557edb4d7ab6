// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "routectl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "routectl", targets: ["routectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already brought by async-http-client; named so the client can tell its connection and
        // TLS errors apart by type (not sent) from everything else (may have been sent).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Only for the HTTP part types the sandbox's pipeline carries (Hummingbird's own).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // HMAC-SHA1 and MD5 for Flowroute v1 signing, HMAC-SHA256 for the sandbox's JWTs.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Reading .xlsx: the archive's directory and inflating a sheet chunk by chunk.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The only code that touches libedit: el_set and history are variadic, which Swift cannot call.
        .target(name: "CLineEdit", linkerSettings: [.linkedLibrary("edit")]),
        .target(name: "RouteCSV"),
        // .xlsx sheets as RouteCSV records; apart from RouteCSV so that it keeps no dependency.
        .target(name: "RouteXLSX", dependencies: [
            "RouteCSV", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "RouteModel"),
        .target(
            name: "RouteClient",
            dependencies: [
                "RouteModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "RouteImport", dependencies: [
            "RouteCSV", "RouteXLSX", "RouteModel", "RouteClient",
            // The import's journal: intents, outcomes and the account's baseline in one SQLite file.
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(
            name: "RouteShell",
            dependencies: ["CLineEdit", "RouteModel", "RouteClient"]
        ),
        .target(
            name: "RouteSandbox",
            dependencies: [
                "RouteModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "routectl",
            dependencies: [
                "RouteCSV", "RouteXLSX", "RouteModel", "RouteClient", "RouteImport", "RouteShell", "RouteSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Large workbooks written by tests, too big to commit as fixtures.
        .target(
            name: "XLSXTestSupport",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/XLSXTestSupport"
        ),
        .testTarget(name: "RouteCSVTests", dependencies: ["RouteCSV"]),
        .testTarget(
            name: "RouteXLSXTests",
            dependencies: ["RouteXLSX", "XLSXTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "RouteModelTests", dependencies: ["RouteModel"]),
        .testTarget(name: "RouteClientTests", dependencies: [
            "RouteClient", "RouteSandbox",
            .product(name: "Hummingbird", package: "hummingbird"),
            // Raw TCP servers that fail the ways a real HTTP server does not on purpose.
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "RouteImportTests", dependencies: [
            "RouteImport", "RouteSandbox", .product(name: "GRDB", package: "GRDB.swift"), "XLSXTestSupport",
        ]),
        .testTarget(name: "RouteShellTests", dependencies: ["RouteShell"]),
        .testTarget(
            name: "RouteSandboxTests",
            dependencies: [
                "RouteSandbox", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // A client written from telegent.md alone, run by a test; not compiled.
            exclude: ["peer"]
        ),
        .testTarget(name: "RoutectlTests", dependencies: ["routectl", "RouteSandbox", "XLSXTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
