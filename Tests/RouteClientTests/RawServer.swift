import NIOCore
import NIOPosix
import Synchronization

/// A TCP server on loopback that reads each HTTP request whole and then does what the test
/// says with the connection, bytes and all: the failures that decide whether a request counts
/// as sent.
final class RawServer: Sendable {
    enum Reply: Sendable {
        /// Writes these bytes, and closes the connection afterwards if `close`.
        case bytes(String, close: Bool)
        /// Closes the connection without a byte of answer.
        case close
        /// Never answers.
        case silence
    }

    let port: Int
    private let channel: any Channel
    private let connections = Mutex(0)
    private let requests = Mutex(0)

    /// Connections accepted so far.
    var accepted: Int { connections.withLock { $0 } }
    /// Requests read whole so far.
    var received: Int { requests.withLock { $0 } }

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    static func start(_ reply: @escaping @Sendable (_ requestNumber: Int) -> Reply) async throws -> RawServer {
        let box = Mutex<RawServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let server = box.withLock { $0 }
                server?.connections.withLock { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RequestReader {
                        reply(server?.requests.withLock { $0 += 1; return $0 } ?? 0)
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = RawServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    var url: String { "http://127.0.0.1:\(port)/v1.0/voice/routes" }

    func stop() async {
        try? await channel.close()
    }

    /// A port nothing listens on: bound, then released.
    static func closedPort() async throws -> Int {
        let server = try await start { _ in .silence }
        await server.stop()
        return server.port
    }
}

/// Collects bytes until a request's head and Content-Length body are in, then answers it.
private final class RequestReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let reply: () -> RawServer.Reply
    private var pending: [UInt8] = []

    init(reply: @escaping () -> RawServer.Reply) {
        self.reply = reply
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += Array(buffer: unwrapInboundIn(data))
        while let total = Self.requestLength(pending), pending.count >= total {
            pending.removeFirst(total)
            switch reply() {
            case .bytes(let text, let close):
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
                if close { context.close(promise: nil) }
            case .close: context.close(promise: nil)
            case .silence: break
            }
        }
    }

    /// The length of the first request in `bytes` once its head is in.
    private static func requestLength(_ bytes: [UInt8]) -> Int? {
        let end = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4, let headEnd = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == end }) else {
            return nil
        }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).filter { $0 != " " }) } ?? 0
        return headEnd + 4 + length
    }
}
