import Foundation
import Hummingbird

/// One line per request on standard error (`--verbose`): method, path and query, status and
/// time taken. Never the body or headers, which carry secrets.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: String(response.status.code), since: start)
            return response
        } catch {
            log(request, status: "error", since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: String, since start: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - start).components
        let milliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
        let line = "\(request.method.rawValue) \(request.uri.description) \(status) \(String(format: "%.1f", milliseconds))ms\n"
        try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
    }
}
