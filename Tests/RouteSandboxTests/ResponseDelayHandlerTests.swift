import Hummingbird
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
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

    private func request(_ channel: EmbeddedChannel, _ path: String) throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)))
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    /// Writes and flushes without waiting for the write: a held write completes only later.
    private func answer(_ channel: EmbeddedChannel, _ body: String, head: Bool = true, end: Bool = true) {
        if head { channel.write(HTTPResponsePart.head(HTTPResponse(status: .ok)), promise: nil) }
        channel.write(HTTPResponsePart.body(ByteBuffer(string: body)), promise: nil)
        if end { channel.write(HTTPResponsePart.end(nil), promise: nil) }
        channel.flush()
    }

    /// The bodies written to the socket so far, in order.
    private func written(_ channel: EmbeddedChannel) throws -> [String] {
        var bodies: [String] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            if case .body(let buffer) = part { bodies.append(String(buffer: buffer)) }
        }
        return bodies
    }

    private func advance(_ channel: EmbeddedChannel, _ milliseconds: Int64) {
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(milliseconds))
    }

    @Test func anAnswerLeavesTheLatencyAfterItsRequest() throws {
        let channel = try channel()
        try request(channel, "/a")
        advance(channel, 10)
        answer(channel, "a", end: false)
        #expect(try written(channel).isEmpty)
        advance(channel, 39)
        #expect(try written(channel).isEmpty)
        advance(channel, 1)
        #expect(try written(channel) == ["a"])
        // The rest of the answer follows at once.
        answer(channel, "a, more", head: false)
        #expect(try written(channel) == ["a, more"])
    }

    @Test func anAnswerThatTookLongerIsNotHeldAgain() throws {
        let channel = try channel()
        try request(channel, "/a")
        advance(channel, 80)
        answer(channel, "a")
        #expect(try written(channel) == ["a"])
    }

    @Test func eachRequestHasItsOwnHold() throws {
        let channel = try channel()
        for path in ["first", "second"] {
            try request(channel, path)
            answer(channel, path)
            #expect(try written(channel).isEmpty)
            advance(channel, 50)
            #expect(try written(channel) == [path])
        }
    }

    /// A keep-alive client sends its next request while the answer to the last is still held.
    @Test func overlappingRequestsOnOneConnectionEachWaitTheirOwnTime() throws {
        let channel = try channel()
        try request(channel, "/0")
        answer(channel, "0")
        advance(channel, 10)
        try request(channel, "/1")
        answer(channel, "1")
        advance(channel, 40)
        #expect(try written(channel) == ["0"])
        advance(channel, 9)
        #expect(try written(channel).isEmpty)
        advance(channel, 1)
        #expect(try written(channel) == ["1"])
        // And the next request on the connection is held again.
        advance(channel, 100)
        try request(channel, "/2")
        answer(channel, "2")
        #expect(try written(channel).isEmpty)
        advance(channel, 50)
        #expect(try written(channel) == ["2"])
    }

    @Test func aCloseIsHeldBehindTheAnswer() throws {
        let channel = try channel()
        try request(channel, "/a")
        answer(channel, "a")
        let closed = channel.close()
        #expect(channel.isActive)
        advance(channel, 50)
        #expect(try written(channel) == ["a"])
        try closed.wait()
        #expect(!channel.isActive)
    }

    @Test func aCloseWithoutAnAnswerIsHeldToo() throws {
        let channel = try channel()
        try request(channel, "/a")
        let closed = channel.close()
        #expect(channel.isActive)
        advance(channel, 50)
        try closed.wait()
        #expect(!channel.isActive)
    }

    @Test func aClientThatHasGoneGetsWhatIsHeldAtOnce() throws {
        let channel = try channel()
        try request(channel, "/a")
        answer(channel, "a")
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(try written(channel) == ["a"])
        // The cancelled timer releases nothing later, and a new hold keeps its own time.
        try request(channel, "/b")
        answer(channel, "b")
        advance(channel, 49)
        #expect(try written(channel).isEmpty)
        advance(channel, 1)
        #expect(try written(channel) == ["b"])
    }

    @Test func answersWithNoRequestPassAtOnce() throws {
        let channel = try channel()
        answer(channel, "unasked")
        #expect(try written(channel) == ["unasked"])
    }

    @Test func whatIsHeldGoesOutIfTheHandlerLeaves() throws {
        let channel = try channel()
        try request(channel, "/a")
        answer(channel, "a")
        _ = try channel.pipeline.syncOperations.removeHandler(context: channel.pipeline.syncOperations.context(handlerType: ResponseDelayHandler.self))
        #expect(try written(channel) == ["a"])
        advance(channel, 50)
        #expect(try written(channel).isEmpty)
    }
}
