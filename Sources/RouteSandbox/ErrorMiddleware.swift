import Foundation
import Hummingbird
import RouteModel

/// Renders every failure in the error shape of the API the request was for: Telegent's RFC 7807
/// body with a `TraceId`, Flowroute v1's bare `{}` for 400s and 404s, Flowroute v2's JSON:API
/// `errors`.
/// Hummingbird's own errors (no route, body too large) get the same treatment.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SandboxError {
            return Self.render(error, path: request.uri.path)
        } catch let error as HTTPError {
            var rendered = SandboxError(error.status, detail: error.body)
            rendered.headers = error.headers
            return Self.render(rendered, path: request.uri.path)
        } catch {
            return Self.render(SandboxError(.internalServerError, detail: "\(error)"), path: request.uri.path)
        }
    }

    static func render(_ error: SandboxError, path: String) -> Response {
        let status = Int(error.status.code)
        var response: Response
        switch Dialect(path: path) ?? .telegent {
        case .telegent:
            response = .json(error.body.telegentJSON(status: status, traceID: Self.traceID()).serialized, status: error.status,
                             contentType: "application/problem+json; charset=utf-8")
        case .flowrouteV1 where status == 400 || status == 404:
            response = .json("{}", status: error.status)
        case .flowrouteV1, .flowrouteV2:
            response = .json(error.body.flowrouteJSON(status: status, id: UUID().uuidString.lowercased()).serialized,
                             status: error.status, contentType: "application/vnd.api+json")
        }
        response.headers.append(contentsOf: error.headers)
        return response
    }

    /// A W3C trace-context id, as ASP.NET services put in `TraceId`.
    private static func traceID() -> String {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return "00-\(hex(.random(in: .min ... .max)))\(hex(.random(in: .min ... .max)))-\(hex(.random(in: .min ... .max)))-00"
    }
}
