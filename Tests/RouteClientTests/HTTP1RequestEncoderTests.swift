import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import RouteClient

@Suite struct HTTP1RequestEncoderTests {
    private func head(_ headers: [(String, String)]) -> HTTPRequestHead {
        HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1.0/voice/routes", headers: HTTPHeaders(headers))
    }

    @Test func aRequestIsOneWriteOfHeadHeadersAndBody() throws {
        let channel = EmbeddedChannel(handler: HTTP1RequestEncoder())
        let body = ByteBuffer(string: #"{"RouteName":"a"}"#)
        channel.write(HTTPClientRequestPart.head(head([("Host", "127.0.0.1:8080"), ("Content-Length", "17")])), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
        #expect(try channel.readOutbound(as: IOData.self) == nil)
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: written)
        guard case .byteBuffer(let bytes) = try #require(try channel.readOutbound(as: IOData.self)) else {
            Issue.record("expected bytes")
            return
        }
        #expect(String(buffer: bytes) == "POST /v1.0/voice/routes HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 17\r\n\r\n" + #"{"RouteName":"a"}"#)
        #expect(try channel.readOutbound(as: IOData.self) == nil)
        try written.futureResult.wait()
    }

    @Test func aHeaderThatWouldSplitTheRequestFailsItsWriteAndNothingIsSent() throws {
        let channel = EmbeddedChannel(handler: HTTP1RequestEncoder())
        let headWritten = channel.eventLoop.makePromise(of: Void.self)
        channel.write(HTTPClientRequestPart.head(head([("Authorization", "Bearer x\r\nX-Injected: 1")])), promise: headWritten)
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: written)
        #expect(try channel.readOutbound(as: IOData.self) == nil)
        #expect(throws: HTTP1RequestEncoder.UnsafeRequest.self) { try written.futureResult.wait() }
        #expect(throws: HTTP1RequestEncoder.UnsafeRequest.self) { try headWritten.futureResult.wait() }

        let splitTarget = channel.eventLoop.makePromise(of: Void.self)
        channel.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/v1.0 HTTP/1.1\r\nX: y")), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: splitTarget)
        #expect(try channel.readOutbound(as: IOData.self) == nil)
        #expect(throws: HTTP1RequestEncoder.UnsafeRequest.self) { try splitTarget.futureResult.wait() }

        // The next request on the connection is not held back by the refused one.
        channel.writeAndFlush(HTTPClientRequestPart.head(head([("Host", "h")])), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        #expect(try channel.readOutbound(as: IOData.self) != nil)
    }

    @Test func anEndWithNoHeadFailsItsWriteRatherThanLeavingItOpen() throws {
        let channel = EmbeddedChannel(handler: HTTP1RequestEncoder())
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: written)
        #expect(throws: HTTP1RequestEncoder.UnsafeRequest.self) { try written.futureResult.wait() }
        #expect(try channel.readOutbound(as: IOData.self) == nil)
    }
}
