import Foundation
import HTTPTypes
import Hummingbird

/// Flowroute v1's authentication: Basic with the access key as user and the request signature
/// as password, plus an `X-Timestamp` within a quarter of an hour of now, so a captured request
/// cannot be replayed later.
struct FlowrouteSignatureMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let accounts: AccountBook
    var allowedClockSkew: TimeInterval = 15 * 60

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let credentials = BasicCredentials(header: request.headers[.authorization]),
              let account = accounts.account(key: credentials.user),
              let timestamp = request.headers[Self.timestampHeader],
              let date = FlowrouteSignature.parseTimestamp(timestamp),
              abs(date.timeIntervalSinceNow) <= allowedClockSkew
        else { throw SandboxError.flowrouteUnauthorized }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let authority = request.head.authority ?? ""
        let signed = FlowrouteSignature.urlCandidates(authority: authority, path: request.uri.path).contains { url in
            FlowrouteSignature.queryCandidates(request.uri.query).contains { query in
                FlowrouteSignature.sign(
                    secret: account.secret, timestamp: timestamp, method: request.method.rawValue,
                    body: body.readableBytesView, url: url, query: query) == credentials.password.lowercased()
            }
        }
        guard signed else { throw SandboxError.flowrouteUnauthorized }
        var context = context
        context.account = account
        return try await next(request, context)
    }

    private static let timestampHeader = HTTPField.Name("X-Timestamp")!
}
