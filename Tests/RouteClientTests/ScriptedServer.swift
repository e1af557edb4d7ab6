import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A request as the scripted server received it.
struct Recorded: Sendable {
    var method: String
    var path: String
    var query: String
    /// Header names lower-cased.
    var headers: [String: String]
    var body: String
}

/// What the scripted server answers.
struct Reply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: String = ""
    /// Send the head and half the body, then nothing more: a gateway that stalls mid-answer.
    var stalls = false

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Reply {
        Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }
}

/// A small HTTP server inside the test, answering as a script says and recording every request,
/// so the tests see exactly what the client sends and how it copes with each documented answer.
final class ScriptedServer: Sendable {
    let port: Int
    private let recorded: RequestLog
    private let running: Task<Void, any Error>

    private init(port: Int, recorded: RequestLog, running: Task<Void, any Error>) {
        self.port = port
        self.recorded = recorded
        self.running = running
    }

    var origin: String { "http://127.0.0.1:\(port)" }
    var requests: [Recorded] { recorded.all }

    func requests(to path: String) -> [Recorded] { requests.filter { $0.path == path } }

    static func start(_ script: @escaping @Sendable (Recorded) async -> Reply) async throws -> ScriptedServer {
        let log = RequestLog()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.rawName.lowercased()] = field.value }
            let received = Recorded(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                headers: headers, body: String(buffer: body))
            log.append(received)
            let reply = await script(received)
            var fields = HTTPFields()
            for (name, value) in reply.headers { fields.append(.init(name: .init(name)!, value: value)) }
            let bytes = ByteBuffer(string: reply.body)
            let answer = reply.stalls
                ? ResponseBody(contentLength: bytes.readableBytes) { writer in
                    try await writer.write(bytes.getSlice(at: 0, length: bytes.readableBytes / 2)!)
                    try await Task.sleep(for: .seconds(3600))
                }
                : ResponseBody(byteBuffer: bytes)
            return Response(status: HTTPResponse.Status(code: reply.status), headers: fields, body: answer)
        }
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Logger(label: "scripted", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await app.run() }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
        return ScriptedServer(port: port, recorded: log, running: running)
    }

    func stop() async {
        running.cancel()
        _ = try? await running.value
    }
}

final class RequestLog: Sendable {
    private let items = Mutex<[Recorded]>([])
    func append(_ request: Recorded) { items.withLock { $0.append(request) } }
    var all: [Recorded] { items.withLock { $0 } }
}

/// Counts under concurrency, for scripts that answer differently the n-th time.
final class Counter: Sendable {
    private let value = Mutex(0)
    /// The count after adding one.
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
    func reset() { value.withLock { $0 = 0 } }
}
