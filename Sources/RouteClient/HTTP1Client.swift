import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A plain HTTP/1.1 client on SwiftNIO, built for many small requests in flight: keep-alive
/// connections from a pool, one request at a time on each, every answer read whole into one
/// buffer and handed back with a single resumption. No redirects are followed.
final class HTTP1Client: Sendable {
    private let pool: HTTP1ConnectionPool
    private let connectTimeout: TimeAmount
    private let maximumBody: Int
    /// Made on the first https request: loading the system's trust roots takes a while.
    private let tls = Mutex<NIOSSLContext?>(nil)

    init(poolSize: Int, connectTimeout: TimeAmount, maximumBody: Int) {
        pool = HTTP1ConnectionPool(capacity: poolSize)
        self.connectTimeout = connectTimeout
        self.maximumBody = maximumBody
    }

    /// Sends one request and reads its answer whole, all before `deadline`. A connection the
    /// server closed while it sat idle is replaced, since nothing was written to it.
    func execute(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], body: [UInt8]?, deadline: NIODeadline
    ) async -> Result<HTTP1Response, HTTP1Failure> {
        guard let target = RequestTarget(url) else { return .failure(.invalidURL) }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target.pathAndQuery)
        head.headers.reserveCapacity(headers.count + 2)
        head.headers.add(name: "Host", value: target.hostHeader)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        let bodyBuffer = body.map { ByteBuffer(bytes: $0) }
        if let bodyBuffer { head.headers.add(name: "Content-Length", value: String(bodyBuffer.readableBytes)) }
        while true {
            let pooled = pool.take(target.origin)
            let connection: HTTP1Connection
            if let pooled {
                connection = pooled
            } else {
                switch await connect(target) {
                case .success(let fresh): connection = fresh
                case .failure(let failure): return .failure(failure)
                }
            }
            switch await connection.execute(head, body: bodyBuffer, deadline: deadline) {
            case .notWritten where pooled != nil:
                continue
            case .notWritten:
                return .failure(.notConnected(reason: "the connection closed before the request was sent"))
            case .answered(let response, let reusable):
                if reusable { pool.give(connection, target.origin) }
                return .success(response)
            case .failed(let failure):
                return .failure(failure)
            }
        }
    }

    func shutdown() {
        pool.closeAll()
    }

    /// A new connection, its TLS handshake (for https) done: until then nothing of a request
    /// has been written, so every failure here is "not sent".
    private func connect(_ target: RequestTarget) async -> Result<HTTP1Connection, HTTP1Failure> {
        let sslContext: NIOSSLContext?
        do { sslContext = target.secure ? try tlsContext() : nil } catch {
            return .failure(.handshakeFailed(reason: "\(error)"))
        }
        // A task running on a loop (see `RequestLoop`) gets a connection on that loop.
        let eventLoop = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton.next()
        let handshake = sslContext.map { _ in eventLoop.makePromise(of: Void.self) }
        let maximumBody = self.maximumBody
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    let pipeline = channel.pipeline.syncOperations
                    if let sslContext, let handshake {
                        try pipeline.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: target.isIPAddress ? nil : target.host))
                        try pipeline.addHandler(TLSHandshakeWait(done: handshake))
                    }
                    try pipeline.addHandler(HTTP1RequestEncoder())
                    try pipeline.addHandler(ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes)))
                    try pipeline.addHandler(HTTP1ExchangeHandler(maximumBody: maximumBody))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: target.host, port: target.port).get()
        } catch {
            handshake?.fail(error)
            return .failure(.notConnected(reason: TransportFailure.connectReason(error)))
        }
        if let handshake {
            let timeout = eventLoop.scheduleTask(in: connectTimeout) { handshake.fail(HandshakeTimeout()) }
            defer { timeout.cancel() }
            do { try await handshake.futureResult.get() } catch {
                channel.close(promise: nil)
                return .failure(.handshakeFailed(reason: Self.handshakeReason(error)))
            }
        }
        do {
            let handler = try await eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: HTTP1ExchangeHandler.self), eventLoop: eventLoop)
            }.get()
            return .success(HTTP1Connection(channel: channel, handler: handler))
        } catch {
            channel.close(promise: nil)
            return .failure(.notConnected(reason: "the connection closed before the request was sent"))
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        try tls.withLock { context in
            if let context { return context }
            let made = try NIOSSLContext(configuration: .makeClientConfiguration())
            context = made
            return made
        }
    }

    private struct HandshakeTimeout: Error {}

    private static func handshakeReason(_ error: any Error) -> String {
        switch error {
        case NIOSSLError.handshakeFailed(let reason): "\(reason)"
        case is HandshakeTimeout: "the handshake timed out"
        case ChannelError.eof: "the connection closed during the handshake"
        default: "\(error)"
        }
    }
}
