import NIOCore
import NIOHTTP1

/// Writes a request as one buffer — request line, headers and body — when its end comes, so
/// that a request is one write through the pipeline and one piece for the socket. In place of
/// NIO's encoder and its header validator, which write each part on its own through two
/// handlers: `HTTP1Client` frames every body by a `Content-Length` of its own, and a header that
/// would change the request's framing (CR, LF or NUL in a name or value), or a request target
/// holding a space or a control character, fails the write.
final class HTTP1RequestEncoder: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = IOData

    /// A request that would not be read as sent: `part` is the header, or the request target.
    struct UnsafeRequest: Error {
        var part: String
    }

    private var request: ByteBuffer?
    private var refusal: UnsafeRequest?
    /// Promises of the head and body parts, kept until the whole request is written.
    private var written: [EventLoopPromise<Void>] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.uri.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { refusal = UnsafeRequest(part: "request target") }
            var buffer = context.channel.allocator.buffer(capacity: 512)
            buffer.writeString(head.method.rawValue)
            buffer.writeStaticString(" ")
            buffer.writeString(head.uri)
            buffer.writeStaticString(" HTTP/1.1\r\n")
            for (name, value) in head.headers {
                guard Self.isSafe(name), Self.isSafe(value) else {
                    refusal = UnsafeRequest(part: name)
                    break
                }
                buffer.writeString(name)
                buffer.writeStaticString(": ")
                buffer.writeString(value)
                buffer.writeStaticString("\r\n")
            }
            buffer.writeStaticString("\r\n")
            request = buffer
            promise.map { written.append($0) }
        case .body(.byteBuffer(var body)):
            request?.writeBuffer(&body)
            promise.map { written.append($0) }
        case .body(.fileRegion):
            preconditionFailure("HTTP1Client sends bodies from memory")
        case .end:
            var parts = written
            promise.map { parts.append($0) }
            written = []
            let (request, refusal) = (self.request, self.refusal)
            (self.request, self.refusal) = (nil, nil)
            guard let request, refusal == nil else {
                // An end with no head before it would otherwise leave its promises for ever.
                for part in parts { part.fail(refusal ?? UnsafeRequest(part: "request line")) }
                return
            }
            let all = parts.isEmpty ? nil : context.eventLoop.makePromise(of: Void.self)
            if let all { for part in parts { all.futureResult.cascade(to: part) } }
            context.write(wrapOutboundOut(.byteBuffer(request)), promise: all)
        }
    }

    private static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
    }
}
