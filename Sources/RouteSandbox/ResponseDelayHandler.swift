import NIOCore

/// Gives every answer its `--latency`, like a distant service: the request is handled at once,
/// and its answer (or the dropped connection) leaves `latency` after the request arrived, or as
/// soon as it is ready if producing it took longer.
///
/// The hold lives in the connection's pipeline and ends on the connection's own event loop, which
/// writes the held parts straight to the socket. A delay awaited in the request's task instead
/// costs a wake-up of an idle worker thread per request, a millisecond or more on a virtual
/// machine: 50 ms that are really 51.5 would be charged to the client in every throughput figure,
/// and Little's law (answers per second = requests in flight / latency) would not hold.
final class ResponseDelayHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny

    private enum Held {
        case write(NIOAny, EventLoopPromise<Void>?)
        case flush
        case close(CloseMode, EventLoopPromise<Void>?)
    }

    private let latency: TimeAmount
    /// When the answer now due must leave: set when a request comes in, cleared when its answer
    /// starts (what is written then starts a hold, unless that time has passed).
    private var answerDue: NIODeadline?
    /// What was written during the current hold, in order; `nil` when nothing is held.
    private var held: [Held]?

    init(latency: TimeAmount) {
        self.latency = latency
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if answerDue == nil { answerDue = context.eventLoop.now + latency }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if hold(context) { held?.append(.write(data, promise)) } else { context.write(data, promise: promise) }
    }

    func flush(context: ChannelHandlerContext) {
        if held != nil { held?.append(.flush) } else { context.flush() }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if hold(context) { held?.append(.close(mode, promise)) } else { context.close(mode: mode, promise: promise) }
    }

    /// Whatever is held still goes out, in order, if the handler leaves the pipeline first.
    func handlerRemoved(context: ChannelHandlerContext) {
        release(context)
    }

    /// Whether to hold what is being written: yes during a hold, and when it starts an answer
    /// before that answer is due.
    private func hold(_ context: ChannelHandlerContext) -> Bool {
        if held != nil { return true }
        guard let due = answerDue else { return false }
        answerDue = nil
        guard due > context.eventLoop.now else { return false }
        held = []
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(deadline: due) { loopBound.value.0.release(loopBound.value.1) }
        return true
    }

    private func release(_ context: ChannelHandlerContext) {
        guard let parts = held else { return }
        held = nil
        for part in parts {
            switch part {
            case .write(let data, let promise): context.write(data, promise: promise)
            case .flush: context.flush()
            case .close(let mode, let promise): context.close(mode: mode, promise: promise)
            }
        }
    }
}
