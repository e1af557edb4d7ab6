import NIOCore
import NIOEmbedded
@testable import RouteSandbox
import Testing

/// The hold that gives answers their latency, on an embedded channel whose clock the test moves.
@Suite struct ResponseDelayHandlerTests {
    private let latency = TimeAmount.milliseconds(50)

    private func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ResponseDelayHandler(latency: latency))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// Writes and flushes without waiting for the write: a held write completes only later.
    private func answer(_ channel: EmbeddedChannel, _ part: String) {
        channel.writeAndFlush(part, promise: nil)
    }

    private func written(_ channel: EmbeddedChannel) throws -> [String] {
        var parts: [String] = []
        while let part = try channel.readOutbound(as: String.self) { parts.append(part) }
        return parts
    }

    @Test func anAnswerLeavesTheLatencyAfterItsRequest() throws {
        let channel = try channel()
        try channel.writeInbound("request")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(10))
        answer(channel, "head")
        answer(channel, "body")
        #expect(try written(channel).isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(39))
        #expect(try written(channel).isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(try written(channel) == ["head", "body"])
        // The rest of the answer follows at once.
        answer(channel, "end")
        #expect(try written(channel) == ["end"])
    }

    @Test func anAnswerThatTookLongerIsNotHeldAgain() throws {
        let channel = try channel()
        try channel.writeInbound("request")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(80))
        answer(channel, "head")
        #expect(try written(channel) == ["head"])
    }

    @Test func eachRequestHasItsOwnHold() throws {
        let channel = try channel()
        for request in ["first", "second"] {
            try channel.writeInbound(request)
            answer(channel, request + " answer")
            #expect(try written(channel).isEmpty)
            channel.embeddedEventLoop.advanceTime(by: latency)
            #expect(try written(channel) == [request + " answer"])
        }
    }

    @Test func aCloseIsHeldBehindTheAnswer() throws {
        let channel = try channel()
        try channel.writeInbound("request")
        answer(channel, "head")
        let closed = channel.close()
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: latency)
        #expect(try written(channel) == ["head"])
        try closed.wait()
        #expect(!channel.isActive)
    }

    @Test func aCloseWithoutAnAnswerIsHeldToo() throws {
        let channel = try channel()
        try channel.writeInbound("request")
        let closed = channel.close()
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: latency)
        try closed.wait()
        #expect(!channel.isActive)
    }

    @Test func writesWithNoRequestPassAtOnce() throws {
        let channel = try channel()
        answer(channel, "unasked")
        #expect(try written(channel) == ["unasked"])
    }

    @Test func whatIsHeldGoesOutIfTheHandlerLeaves() throws {
        let channel = try channel()
        try channel.writeInbound("request")
        answer(channel, "head")
        _ = try channel.pipeline.syncOperations.removeHandler(context: channel.pipeline.syncOperations.context(handlerType: ResponseDelayHandler.self))
        #expect(try written(channel) == ["head"])
        channel.embeddedEventLoop.advanceTime(by: latency)
        #expect(try written(channel).isEmpty)
    }
}
