import Hummingbird

/// Delays every request by a fixed time, like a distant service (`--latency`).
struct LatencyMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let latency: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await Task.sleep(for: latency)
        return try await next(request, context)
    }
}
