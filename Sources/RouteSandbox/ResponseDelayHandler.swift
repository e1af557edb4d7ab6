import NIOCore
import NIOHTTPTypes

/// Gives every answer its `--latency`, like a distant service: each request is handled at once,
/// and its answer (or the dropped connection) leaves `latency` after that request arrived, or as
/// soon as it is ready if producing it took longer. Answers on one connection keep their order.
///
/// The hold lives in the connection's pipeline and ends on the connection's own event loop, which
/// writes the held parts straight to the socket. A delay awaited in the request's task instead
/// costs a wake-up of an idle worker thread per request, a millisecond or more on a virtual
/// machine: 50 ms that are really 51.5 would be charged to the client in every throughput figure,
/// and Little's law (answers per second = requests in flight / latency) would not hold.
final class ResponseDelayHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Part {
        case write(NIOAny, EventLoopPromise<Void>?)
        case flush
        case close(CloseMode, EventLoopPromise<Void>?)
    }

    /// One answer being held: when it may leave, and what has been written of it so far.
    private struct Answer {
        let due: NIODeadline
        var parts: [Part]
    }

    private let latency: TimeAmount
    /// When each request whose answer has not started is due, oldest first.
    private var due: [NIODeadline] = []
    /// Answers not yet released, oldest first; later writes belong to the last.
    private var held: [Answer] = []
    private var timer: Scheduled<Void>?

    init(latency: TimeAmount) {
        self.latency = latency
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { due.append(context.eventLoop.now + latency) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let startsAnswer = if case .head = unwrapOutboundIn(data) { true } else { false }
        hold(.write(data, promise), startingAnswer: startsAnswer, context)
    }

    func flush(context: ChannelHandlerContext) {
        hold(.flush, startingAnswer: false, context)
    }

    /// A connection dropped instead of answering is an answer too.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        hold(.close(mode, promise), startingAnswer: held.isEmpty, context)
    }

    /// A client that has gone gets what is held at once: nobody is timing it, and the
    /// connection can close instead of lingering until the answers are due.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { releaseAll(context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        releaseAll(context)
        context.fireChannelInactive()
    }

    /// Whatever is held still goes out, in order, if the handler leaves the pipeline first.
    func handlerRemoved(context: ChannelHandlerContext) {
        releaseAll(context)
    }

    /// Passes `part` on, or holds it: an answer that starts before its request is due, or any
    /// part while an earlier answer is held, waits.
    private func hold(_ part: Part, startingAnswer: Bool, _ context: ChannelHandlerContext) {
        if startingAnswer, !due.isEmpty {
            let answerDue = due.removeFirst()
            if held.isEmpty && answerDue <= context.eventLoop.now { return pass(part, context) }
            held.append(Answer(due: answerDue, parts: [part]))
            if held.count == 1 { schedule(answerDue, context) }
        } else if held.isEmpty {
            pass(part, context)
        } else {
            held[held.count - 1].parts.append(part)
        }
    }

    private func schedule(_ deadline: NIODeadline, _ context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) { loopBound.value.0.releaseDue(loopBound.value.1) }
    }

    /// Releases the answers that are due, and waits for the next.
    private func releaseDue(_ context: ChannelHandlerContext) {
        timer = nil
        while let first = held.first, first.due <= context.eventLoop.now {
            held.removeFirst()
            for part in first.parts { pass(part, context) }
        }
        if let next = held.first { schedule(next.due, context) }
    }

    private func releaseAll(_ context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let answers = held
        held = []
        for answer in answers {
            for part in answer.parts { pass(part, context) }
        }
    }

    private func pass(_ part: Part, _ context: ChannelHandlerContext) {
        switch part {
        case .write(let data, let promise): context.write(data, promise: promise)
        case .flush: context.flush()
        case .close(let mode, let promise): context.close(mode: mode, promise: promise)
        }
    }
}
