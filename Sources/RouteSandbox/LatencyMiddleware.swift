import Hummingbird

/// Delays every request by a fixed time, like a distant service (`--latency`).
///
/// The sleep asks for a tight tolerance: by default a timer may fire a tenth of its delay late,
/// and 50 ms that are really 55 would be charged to the client in every throughput measurement.
struct LatencyMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let latency: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await Task.sleep(for: latency, tolerance: .microseconds(100))
        return try await next(request, context)
    }
}
