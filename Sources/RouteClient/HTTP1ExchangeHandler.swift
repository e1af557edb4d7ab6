import NIOCore
import NIOHTTP1

/// What became of one request handed to a connection.
enum HTTP1Outcome: Sendable {
    /// The connection had closed before a byte of the request was written: send it on another.
    case notWritten
    /// The answer, read whole; `reusable` when the connection can carry another request.
    case answered(HTTP1Response, reusable: Bool)
    case failed(HTTP1Failure)
}

/// A whole answer: the body in one buffer.
struct HTTP1Response: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
}

/// The last handler of a client connection's pipeline: writes one request at a time, reads its
/// answer whole and completes it once, at the end, on a failure or at its deadline. The protocol
/// decisions are `HTTP1ExchangeState`'s; this only carries them out on the channel.
final class HTTP1ExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    typealias Completion = @Sendable (HTTP1Outcome) -> Void

    private var exchange: HTTP1ExchangeState
    private var context: ChannelHandlerContext?
    private var completion: Completion?
    private var deadline: Scheduled<Void>?
    private var status = 0
    private var headers = HTTPHeaders()
    private var body = ByteBuffer()

    init(maximumBody: Int) {
        exchange = HTTP1ExchangeState(maximumBody: maximumBody)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        apply(exchange.closed())
    }

    /// Sends a request; `completion` is called once, on the event loop. Must run on the loop.
    func start(head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline, completion: @escaping Completion) {
        guard let context, context.channel.isActive else {
            _ = exchange.closed()
            completion(.notWritten)
            return
        }
        self.completion = completion
        let action = exchange.start()
        guard action == .write else { return apply(action) }
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            apply(exchange.deadlinePassed())
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success: apply(exchange.written())
            case .failure: apply(exchange.error())
            }
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    }

    /// Ends the request in flight, if any, as cancelled. Must run on the loop.
    func cancel() {
        apply(exchange.cancelled())
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let length = head.headers.first(name: "content-length").flatMap { Int($0) }
            let action = exchange.head(status: Int(head.status.code), contentLength: length, keepAlive: head.isKeepAlive)
            if action == .none {
                status = Int(head.status.code)
                headers = head.headers
                body = context.channel.allocator.buffer(capacity: min(length ?? 0, 1 << 20))
            }
            apply(action)
        case .body(var part):
            let action = exchange.body(count: part.readableBytes)
            if action == .none { body.writeBuffer(&part) }
            apply(action)
        case .end:
            apply(exchange.end())
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        apply(exchange.closed())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        apply(exchange.error())
        context.close(promise: nil)
    }

    private func apply(_ action: HTTP1ExchangeState.Action) {
        switch action {
        case .none, .write:
            break
        case .notWritten:
            finish(.notWritten)
        case .answer(let close):
            let response = HTTP1Response(status: status, headers: headers, body: body)
            body = ByteBuffer()
            if close { context?.close(promise: nil) }
            finish(.answered(response, reusable: !close))
        case .fail(let failure):
            context?.close(promise: nil)
            finish(.failed(failure))
        }
    }

    private func finish(_ outcome: HTTP1Outcome) {
        deadline?.cancel()
        deadline = nil
        guard let completion else { return }
        self.completion = nil
        completion(outcome)
    }
}
