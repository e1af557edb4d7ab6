import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RouteModel
import RouteSandbox

/// One answer as a client sees it.
struct HTTPAnswer: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    var json: JSON? { try? JSON(parsing: Array(body.utf8)) }
}

/// A sandbox on an ephemeral loopback port and a client for it; every test gets its own.
struct SandboxHarness: Sendable {
    static let account = SandboxAccount(key: "DID-TEST", secret: "test-secret")
    static let otherAccount = SandboxAccount(key: "DID-OTHER", secret: "other-secret")

    let sandbox: Sandbox

    static func start(_ configure: (inout SandboxOptions) -> Void = { _ in }) async throws -> SandboxHarness {
        var options = SandboxOptions()
        options.accounts = [account, otherAccount]
        configure(&options)
        return SandboxHarness(sandbox: try await Sandbox.start(options))
    }

    var origin: String { "http://127.0.0.1:\(sandbox.port)" }

    func stop() async { await sandbox.stop() }

    /// Sends a request; `body` is sent as JSON unless `contentType` says otherwise.
    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, headers: [(String, String)] = [],
        contentType: String? = "application/json"
    ) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: origin + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(string: body))
        }
        // Generous: on 2 cores, with the rest of the suite running, a request can wait its turn for long.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 4 << 20)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers, body: String(buffer: buffer))
    }

    // MARK: Telegent

    func token(_ account: SandboxAccount = account, endpoint: String? = nil) async throws -> String {
        var members: [(String, JSON)] = [("AccountKey", .string(account.key)), ("AccountSecret", .string(account.secret))]
        if let endpoint { members.append(("ApiEndpoint", .string(endpoint))) }
        let answer = try await send(.POST, "/v1.0/oauth2/tokens", body: JSON.object(members).serialized)
        guard answer.status == 200, let token = answer.json?["token"]?.stringValue else {
            throw HarnessError(description: "no token: \(answer.status) \(answer.body)")
        }
        return token
    }

    func telegent(_ method: HTTPMethod, _ path: String, body: String? = nil, token: String) async throws -> HTTPAnswer {
        try await send(method, "/v1.0" + path, body: body, headers: [("Authorization", "Bearer \(token)")])
    }

    /// Creates a trunk route and returns its CallRouteId.
    func createTrunk(named name: String, token: String) async throws -> String {
        let answer = try await telegent(.POST, "/voice/routes", body: Self.trunk(name), token: token)
        guard answer.status == 200, let id = answer.json?["CallRouteId"]?.stringValue else {
            throw HarnessError(description: "create failed: \(answer.status) \(answer.body)")
        }
        return id
    }

    static func trunk(_ name: String) -> String {
        #"{"RouteName": "\#(name)", "RouteType": "Trunk", "TrunkIp1": "20.87.87.87", "TrunkPort1": "5061", "TrunkTransport1": "UDP"}"#
    }

    // MARK: Flowroute

    func basic(_ account: SandboxAccount = account) -> (String, String) {
        ("Authorization", "Basic " + Data("\(account.key):\(account.secret)".utf8).base64EncodedString())
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// A fresh directory under the system's temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-sandbox-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
