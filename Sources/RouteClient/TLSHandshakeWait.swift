import NIOCore
import NIOTLS

/// Tells when a new connection's TLS handshake is over, so that a connection is handed out only
/// once it can carry a request, and a failed handshake is known to have sent nothing.
final class TLSHandshakeWait: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let done: EventLoopPromise<Void>
    private var settled = false

    init(done: EventLoopPromise<Void>) {
        self.done = done
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { settle(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        settle(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        settle(.failure(ChannelError.eof))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        settle(.failure(ChannelError.eof))
    }

    private func settle(_ result: Result<Void, any Error>) {
        guard !settled else { return }
        settled = true
        done.completeWith(result)
    }
}
