import Hummingbird
import Synchronization

/// Counts the write requests (anything but GET and HEAD) that reach the endpoints it is mounted
/// before (routes, or numbers) past authentication, whatever their answer: how a test proves
/// that a command sent no write.
final class WriteCounter: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .relaxed) }

    func add() {
        count.add(1, ordering: .relaxed)
    }

    struct Middleware: RouterMiddleware {
        typealias Context = SandboxContext
        let counter: WriteCounter

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            if request.method != .get && request.method != .head { counter.add() }
            return try await next(request, context)
        }
    }
}
