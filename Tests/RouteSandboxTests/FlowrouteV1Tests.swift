import Crypto
import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Flowroute v1, signing requests from flowroute.md's recipe alone.
@Suite struct FlowrouteV1Tests {
    /// `timestamp \n METHOD \n md5hex(body) \n scheme://host/path \n sorted query`, hex HMAC-SHA1
    /// keyed with the secret, sent as the Basic password with the key as user.
    static func signedHeaders(
        method: String, url: String, query: String = "", body: String = "",
        account: SandboxAccount = SandboxHarness.account, date: Date = Date()
    ) -> [(String, String)] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let timestamp = formatter.string(from: date)
        let bodyHash = body.isEmpty ? "" : Insecure.MD5.hash(data: Data(body.utf8)).map { String(format: "%02x", $0) }.joined()
        let message = [timestamp, method, bodyHash, url, query].joined(separator: "\n")
        let signature = HMAC<Insecure.SHA1>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(account.secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
        let basic = Data("\(account.key):\(signature)".utf8).base64EncodedString()
        return [("Authorization", "Basic \(basic)"), ("X-Timestamp", timestamp)]
    }

    func put(_ harness: SandboxHarness, name: String, body: String, withPort: Bool = true) async throws -> HTTPAnswer {
        let host = withPort ? "127.0.0.1:\(harness.sandbox.port)" : "127.0.0.1"
        let headers = Self.signedHeaders(method: "PUT", url: "http://\(host)/v1/routes/\(name)", body: body)
        return try await harness.send(.PUT, "/v1/routes/\(name)", body: body, headers: headers, contentType: "application/json; charset=utf-8")
    }

    func list(_ harness: SandboxHarness, limit: Int, page: Int, account: SandboxAccount = SandboxHarness.account) async throws -> HTTPAnswer {
        let headers = Self.signedHeaders(
            method: "GET", url: "http://127.0.0.1:\(harness.sandbox.port)/v1/routes/", query: "limit=\(limit)&page=\(page)", account: account)
        // Parameters sent in another order than signed: the server sorts them too.
        return try await harness.send(.GET, "/v1/routes/?page=\(page)&limit=\(limit)", headers: headers)
    }

    /// The route names of a list answer in the order the text has them (a parsed object may not
    /// keep its order).
    static func keys(_ body: String) -> [String] {
        let names = ["sip-reg", "PSTNRoute1", "HOSTRoute1", "URIRoute1", "Mine"]
        return names.compactMap { name in body.range(of: "\"\(name)\":").map { (name, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }

    @Test func createIs201WithAnEmptyBodyAndListsKeyedByName() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let created = try await put(harness, name: "PSTNRoute1", body: #"{"type": "PSTN", "value": "18002364455"}"#)
        #expect(created.status == 201)
        #expect(created.body.isEmpty)
        #expect(try await put(harness, name: "HOSTRoute1", body: #"{"type": "HOST", "value": "24.239.23.40:5060"}"#, withPort: false).status == 201)
        #expect(try await put(harness, name: "URIRoute1", body: #"{"type": "URI", "value": "sip:16476998778@example.com;transport=tcp"}"#).status == 201)
        let answer = try await list(harness, limit: 10, page: 1)
        #expect(answer.status == 200)
        #expect(Self.keys(answer.body) == ["sip-reg", "PSTNRoute1", "HOSTRoute1", "URIRoute1"])
        #expect(answer.json?["routes"]?["sip-reg"]?["type"] == .string("SIP-REG"))
        #expect(answer.json?["routes"]?["HOSTRoute1"]?["type"] == .string("HOST"))
        #expect(answer.json?["routes"]?["HOSTRoute1"]?["value"] == .string("24.239.23.40:5060"))
        let secondPage = try await list(harness, limit: 2, page: 2)
        #expect(Self.keys(secondPage.body) == ["HOSTRoute1", "URIRoute1"])
    }

    @Test(arguments: [
        ("PSTNRoute", #"{"type": "PSTN", "value": "1800236445"}"#),
        ("HOSTRoute", #"{"type": "HOST", "value": "bad host!"}"#),
        ("URIRoute", #"{"type": "URI", "value": "16476998778@example.com"}"#),
        ("TypeRoute", #"{"type": "FAX", "value": "1"}"#),
        ("Bad-Name", #"{"type": "PSTN", "value": "18002364455"}"#),
        ("NoValue", #"{"type": "PSTN"}"#),
        ("Malformed", #"{"type": "#),
    ])
    func invalidRoutesAre400WithAnEmptyObject(name: String, body: String) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let answer = try await put(harness, name: name, body: body)
        #expect(answer.status == 400)
        #expect(answer.body == "{}")
    }

    @Test func badSignaturesAndStaleTimestampsAre401() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let body = #"{"type": "PSTN", "value": "18002364455"}"#
        let url = "http://127.0.0.1:\(harness.sandbox.port)/v1/routes/R1"
        let wrongBody = Self.signedHeaders(method: "PUT", url: url, body: #"{"type": "PSTN", "value": "18002364456"}"#)
        let stale = Self.signedHeaders(method: "PUT", url: url, body: body, date: Date().addingTimeInterval(-3600))
        let wrongSecret = Self.signedHeaders(method: "PUT", url: url, body: body, account: SandboxAccount(key: "DID-TEST", secret: "nope"))
        for headers in [wrongBody, stale, wrongSecret, [harness.basic()]] {
            let answer = try await harness.send(.PUT, "/v1/routes/R1", body: body, headers: headers)
            #expect(answer.status == 401)
        }
    }

    @Test func accountsHaveTheirOwnRoutes() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        #expect(try await put(harness, name: "Mine", body: #"{"type": "PSTN", "value": "18002364455"}"#).status == 201)
        let theirs = try await list(harness, limit: 10, page: 1, account: SandboxHarness.otherAccount)
        #expect(Self.keys(theirs.body) == ["sip-reg"])
    }

    @Test func wrongMethodsAre405() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        #expect(try await harness.send(.DELETE, "/v1/routes/R1").status == 405)
        #expect(try await harness.send(.GET, "/v1/nothing").status == 404)
    }
}
