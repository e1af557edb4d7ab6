import Hummingbird
import NIOCore

/// The faults of a service having a bad day, and of the gateways in front of it. Each request
/// rolls the same number of dice in arrival order, so `--seed` replays the same sequence.
///
/// - Before the handler, nothing changed: `--fail-rate` answers 500, or 503 with `Retry-After: 1`.
/// - Writes that succeed are committed, and then the client may not learn it:
///   `--late-commit-rate` holds the request `--late-commit-delay` seconds before committing and
///   answering (a client with a shorter timeout has given up and may send it again);
///   `--ambiguous-rate` drops the connection or answers 504; `--commit-then-fail-rate` answers
///   502, 504, or 503 with `Retry-After` (which a naive client reads as "not applied");
///   `--cut-body-rate` answers 200 with a `Content-Length` it never fulfils.
struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let faults: SandboxFaults
    let dice: FaultDice

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let roll = dice.roll(8)
        if roll[0] < faults.failRate {
            if roll[1] < 0.5 {
                throw SandboxError(.internalServerError, detail: "Injected failure: nothing was changed.")
            }
            throw SandboxError(.serviceUnavailable, detail: "Injected failure: nothing was changed.", headers: [.retryAfter: "1"])
        }
        let isWrite = request.method != .get && request.method != .head && request.method != .options
        if isWrite && roll[2] < faults.lateCommitRate {
            // Deliberately not cancelled with the client: the service commits whether or not anyone waits.
            try? await Task.sleep(for: faults.lateCommitDelay)
        }
        let response = try await next(request, context)
        guard isWrite, (200..<300).contains(response.status.code) else { return response }
        if roll[3] < faults.ambiguousRate {
            if roll[4] < 0.5 {
                // The change is committed; the client only sees the connection go away.
                try? await context.channel.close()
                return response
            }
            throw SandboxError(.gatewayTimeout, detail: "Injected timeout: the change may or may not have been made.")
        }
        if roll[5] < faults.commitThenFailRate {
            switch roll[6] {
            case ..<(1.0 / 3): throw SandboxError(.badGateway, detail: "Injected gateway error after the change was committed.")
            case ..<(2.0 / 3):
                throw SandboxError(.serviceUnavailable, detail: "Injected gateway error after the change was committed.",
                                   headers: [.retryAfter: "1"])
            default: throw SandboxError(.gatewayTimeout, detail: "Injected gateway error after the change was committed.")
            }
        }
        if roll[7] < faults.cutBodyRate {
            return try await Self.cut(response, context: context)
        }
        return response
    }

    /// The same answer with half its body: the headers promise all of it, then the connection closes.
    private static func cut(_ response: Response, context: Context) async throws -> Response {
        var collected = ByteBuffer()
        var body = response.body
        let collector = CollectingWriter(buffer: collected)
        try await body.write(collector)
        collected = await collector.collected
        let half = collected.getSlice(at: collected.readerIndex, length: collected.readableBytes / 2) ?? ByteBuffer()
        let channel = context.channel
        body = ResponseBody(contentLength: collected.readableBytes) { writer in
            try await writer.write(half)
            // The rest never comes: the connection goes away mid-body.
            try? await channel.close()
            throw CancellationError()
        }
        return Response(status: response.status, headers: response.headers, body: body)
    }
}

/// Gathers a response body in memory, so a fault can send only part of it.
private actor CollectingWriter: ResponseBodyWriter {
    private(set) var collected: ByteBuffer

    init(buffer: ByteBuffer) {
        collected = buffer
    }

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collected.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Which faults the sandbox injects, and how often.
public struct SandboxFaults: Sendable {
    /// Route requests answered 500 or 503 before any change.
    public var failRate = 0.0
    /// Successful writes committed, then answered with a dropped connection or a 504.
    public var ambiguousRate = 0.0
    /// Writes held `lateCommitDelay` before they are committed and answered.
    public var lateCommitRate = 0.0
    public var lateCommitDelay: Duration = .seconds(2)
    /// Successful writes committed, then answered 502, 503 (with `Retry-After`) or 504.
    public var commitThenFailRate = 0.0
    /// Successful writes committed, then answered 200 with a body cut short.
    public var cutBodyRate = 0.0

    public init() {}

    var any: Bool {
        failRate > 0 || ambiguousRate > 0 || lateCommitRate > 0 || commitThenFailRate > 0 || cutBodyRate > 0
    }
}
