import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import RouteModel

/// The one HTTP client of a service: a connection pool sized to the concurrency, the timeouts,
/// a log line per request, and the translation of network failures into `ClientError`s that
/// say whether the request could have reached the service.
final class HTTPTransport: Sendable {
    let options: ClientOptions
    /// Lists, whose answers can be larger than any buffer, are streamed through this one.
    private let client: HTTPClient
    private let requests: HTTP1Client

    init(options: ClientOptions) {
        self.options = options
        var configuration = HTTPClient.Configuration()
        // The read timeout bounds a stalled stream; the request timeout bounds the whole answer.
        configuration.timeout = .init(connect: options.connectTimeout.timeAmount, read: options.requestTimeout.timeAmount)
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)
        // Fail fast when the server cannot be reached: retrying is the caller's decision.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        requests = HTTP1Client(poolSize: options.concurrency, connectTimeout: options.connectTimeout.timeAmount,
                               maximumBody: Self.maximumBody)
    }

    /// Sends one request; the failure says whether the service may have received it. The
    /// deadline covers the whole answer, head and body; a body over 64 MiB is refused.
    ///
    /// Every create goes through here, so it has a client of its own (`HTTP1Client`): one hop
    /// onto the connection's event loop and one back per request, nothing per chunk.
    func send(_ request: HTTPRequest) async -> Result<HTTPAnswer, TransportFailure> {
        let started = ContinuousClock.now
        let address = request.urlWithoutQuery
        let deadline = NIODeadline.now() + options.requestTimeout.timeAmount
        switch await requests.execute(request.method, request.url, headers: request.headers, body: request.body, deadline: deadline) {
        case .success(let response):
            log(request, status: "\(response.status)", since: started)
            return .success(HTTPAnswer(status: response.status, headers: response.headers,
                                       body: Array(buffer: response.body), url: address))
        case .failure(let error):
            let failure = TransportFailure(error, url: address, timeout: options.requestTimeout)
            log(request, status: "failed (\(failure.error))", since: started)
            return .failure(failure)
        }
    }

    /// The largest answer `send` reads whole; lists, which can be larger, are streamed.
    static let maximumBody = 64 << 20

    /// Sends one request whose successful answer may be larger than any buffer: a 2xx body is
    /// handed to `consume` chunk by chunk as it arrives (the answer returned has an empty body);
    /// any other status is read whole, up to 1 MiB, as usual. A 2xx body larger than
    /// `maximumBody` is refused as a runaway server. What `consume` throws ends the request and
    /// is rethrown as it is.
    func stream(
        _ request: HTTPRequest, maximumBody: Int = 1 << 34, consume: (ByteBuffer) throws -> Void
    ) async throws -> Result<HTTPAnswer, TransportFailure> {
        let started = ContinuousClock.now
        let address = request.urlWithoutQuery
        var consumerError: (any Error)?
        let result: Result<HTTPAnswer, TransportFailure>
        do {
            let response = try await client.execute(outgoing(request), timeout: options.requestTimeout.timeAmount)
            let status = Int(response.status.code)
            if (200..<300).contains(status) {
                var total = 0
                var pace = StreamPace(since: ContinuousClock.now)
                for try await chunk in response.body {
                    total += chunk.readableBytes
                    guard total <= maximumBody else {
                        throw ClientError.unexpectedAnswer(
                            url: address, status: status, "the answer from \(address) is over \(maximumBody >> 30) GiB")
                    }
                    guard pace.add(chunk.readableBytes, at: ContinuousClock.now) else {
                        throw ClientError.unexpectedAnswer(url: address, status: status, "the answer from \(address) "
                            + "came slower than \(StreamPace.floor >> 10) KiB in \(Int(StreamPace.window.inSeconds)) s: given up")
                    }
                    do { try consume(chunk) } catch {
                        consumerError = error
                        break
                    }
                }
                result = .success(HTTPAnswer(status: status, headers: response.headers, body: [], url: address))
                log(request, status: "\(status) (\(total) bytes, streamed)", since: started)
            } else {
                let body = try await response.body.collect(upTo: 1 << 20)
                result = .success(HTTPAnswer(status: status, headers: response.headers, body: Array(buffer: body), url: address))
                log(request, status: "\(status)", since: started)
            }
        } catch {
            let failure = TransportFailure(error, url: address, timeout: options.requestTimeout)
            log(request, status: "failed (\(failure.error))", since: started)
            result = .failure(failure)
        }
        if let consumerError { throw consumerError }
        return result
    }

    /// Repeats `perform` per the retry policy until it succeeds or is refused. Only for requests
    /// that are safe to repeat (reads, deletes); `perform` is told whether an earlier attempt
    /// may have been applied.
    func retrying<T: Sendable>(_ perform: (_ mayHaveApplied: Bool) async -> Attempt<T>) async throws(ClientError) -> T {
        try await RetryExecutor(policy: options.retry).value(.idempotent) { mayHaveApplied async throws(CancellationError) in
            try Self.checkCancellation()
            return Answered(await perform(mayHaveApplied), status: nil)
        }
    }

    static func checkCancellation() throws(CancellationError) {
        if Task.isCancelled { throw CancellationError() }
    }

    /// Sends a request that carries its own credentials (Flowroute signs or authorizes each one),
    /// so a 401 means the keys were refused: there is no token to renew.
    func sendCarryingCredentials(_ request: HTTPRequest) async -> Attempt<HTTPAnswer> {
        switch await send(request) {
        case .failure(let failure): return Attempt(failure: failure.attempt)
        case .success(let answer) where answer.status == 401:
            return .rejected(.credentialsRefused(url: answer.url, body: answer.errorBody))
        case .success(let answer) where answer.isSuccess: return .success(answer)
        case .success(let answer): return Attempt(failure: answer.failure)
        }
    }

    private func outgoing(_ request: HTTPRequest) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        return outgoing
    }

    func shutdown() async {
        requests.shutdown()
        try? await client.shutdown()
    }

    /// A transport dropped without `shutdown()` (a caller that returned or threw past it) still
    /// closes its connections instead of leaking them; shutting down twice is harmless.
    deinit {
        requests.shutdown()
        client.shutdown { _ in }
    }

    /// Builds nothing unless `--verbose` asked for it: every request of an import passes here.
    private func log(_ request: HTTPRequest, status: @autoclosure () -> String, since started: ContinuousClock.Instant) {
        guard options.logger.logLevel <= .debug else { return }
        let elapsed = (ContinuousClock.now - started).milliseconds
        options.logger.debug("\(request.method.rawValue) \(SecretNames.maskingQuery(request.pathAndQuery)) \(status()) \(elapsed) ms")
    }
}

/// What to send. Headers may hold credentials: they are never logged.
struct HTTPRequest: Sendable {
    var method: HTTPMethod
    var url: String
    var headers: [(String, String)] = []
    var body: [UInt8]?

    init(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], json: JSON? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        if let json {
            body = Array(json.serialized.utf8)
        }
    }

    var urlWithoutQuery: String { String(url.prefix { $0 != "?" }) }

    var pathAndQuery: String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }
}

/// What the service answered, whatever the status.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The request's URL without its query, for messages.
    var url: String

    var isSuccess: Bool { (200..<300).contains(status) }

    var json: JSON? { body.isEmpty ? nil : try? JSON(parsing: body) }

    var retryAfter: Duration? { headers.first(name: "Retry-After").flatMap { RetryPolicy.retryAfter($0) } }

    var errorBody: APIErrorBody? { json.flatMap(APIErrorBody.init(json:)) }

    /// The error for a non-2xx status, classified for retrying. Only 408 (the request never
    /// fully arrived) and 429 (refused before any work) prove that nothing was applied; a
    /// gateway answers 502, 503 or 504 after the service behind it may have done the work.
    var failure: Attempt<Never> {
        let error = ClientError.status(status, body: errorBody, retryAfter: retryAfter, url: url)
        switch status {
        case 408, 429: return .retryable(error)
        case 500...: return .unknown(error)
        default: return .rejected(error)
        }
    }

    /// The body as JSON, or the error that says it is not what the API documents.
    func decodedJSON() throws(ClientError) -> JSON {
        guard let json else {
            throw ClientError.unexpectedAnswer(url: url, status: status, "unexpected answer from \(url): \(status) without a JSON body")
        }
        return json
    }
}

/// A request that got no answer, and whether it may have been applied.
struct TransportFailure: Error {
    var error: ClientError
    /// `false` when no connection was made, so the service cannot have seen the request.
    var mayHaveBeenSent: Bool

    /// Only failures that happen before a byte of the request can have been written count as
    /// not sent: no connection (refused, no such host, connect timeout) or a failed TLS
    /// handshake. Everything else may have reached the service.
    init(_ error: any Error, url: String, timeout: Duration) {
        let host = Self.origin(of: url)
        switch error {
        case let error as ClientError:
            self.init(error, mayHaveBeenSent: true)
        case let error as HTTP1Failure:
            self.init(error, url: url, host: host, timeout: timeout)
        case let error as HTTPClientError where error == .connectTimeout:
            self.init(.unreachable(url: host, reason: "the connection timed out"), mayHaveBeenSent: false)
        case let error as HTTPClientError where error == .tlsHandshakeTimeout:
            self.init(.tls(url: host, reason: "the handshake timed out"), mayHaveBeenSent: false)
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            self.init(.timeout(url: url, after: timeout), mayHaveBeenSent: true)
        case let error as HTTPClientError where error == .invalidURL || error == .emptyHost || error == .emptyScheme:
            self.init(.unreachable(url: url, reason: "not a valid URL"), mayHaveBeenSent: false)
        case let error where Self.unreachableReason(error) != nil:
            self.init(.unreachable(url: host, reason: Self.unreachableReason(error)!), mayHaveBeenSent: false)
        case NIOSSLError.handshakeFailed(let reason):
            self.init(.tls(url: host, reason: "\(reason)"), mayHaveBeenSent: false)
        case is CancellationError:
            self.init(.cancelled(after: nil, mayHaveApplied: true), mayHaveBeenSent: true)
        case let error as HTTPClientError where error == .cancelled:
            self.init(.cancelled(after: nil, mayHaveApplied: true), mayHaveBeenSent: true)
        default:
            self.init(.connectionLost(url: url), mayHaveBeenSent: true)
        }
    }

    private init(_ failure: HTTP1Failure, url: String, host: String, timeout: Duration) {
        switch failure {
        case .notConnected(let reason): self.init(.unreachable(url: host, reason: reason), mayHaveBeenSent: false)
        case .handshakeFailed(let reason): self.init(.tls(url: host, reason: reason), mayHaveBeenSent: false)
        case .invalidURL: self.init(.unreachable(url: url, reason: "not a valid URL"), mayHaveBeenSent: false)
        case .deadlineExceeded: self.init(.timeout(url: url, after: timeout), mayHaveBeenSent: true)
        case .connectionLost: self.init(.connectionLost(url: url), mayHaveBeenSent: true)
        case .bodyTooLarge:
            self.init(.unexpectedAnswer(url: url, "the answer from \(url) is over \(HTTPTransport.maximumBody >> 20) MiB"),
                      mayHaveBeenSent: true)
        case .cancelled: self.init(.cancelled(after: nil, mayHaveApplied: true), mayHaveBeenSent: true)
        }
    }

    /// Why a connection could not be made, worded for people; `nil` for errors that do not
    /// prove that none was.
    static func unreachableReason(_ error: any Error) -> String? {
        switch error {
        case let error as NIOConnectionError:
            return error.dnsAError != nil || error.dnsAAAAError != nil ? "the host name could not be resolved" : "connection refused"
        case ChannelError.connectTimeout: return "the connection timed out"
        case let error as IOError: return unreachableReasons[error.errnoCode]
        default: return nil
        }
    }

    /// The reason for any error while connecting: nothing was written yet, whatever it is.
    static func connectReason(_ error: any Error) -> String {
        unreachableReason(error) ?? "\(error)"
    }

    private init(_ error: ClientError, mayHaveBeenSent: Bool) {
        self.error = error
        self.mayHaveBeenSent = mayHaveBeenSent
    }

    /// As an attempt: not sent is retryable, perhaps sent is unknown.
    var attempt: Attempt<Never> { mayHaveBeenSent ? .unknown(error) : .retryable(error) }

    /// The connect errors that mean no connection was made, worded for people.
    private static let unreachableReasons: [Int32: String] = [
        ECONNREFUSED: "connection refused", ENETUNREACH: "the network is unreachable", EHOSTUNREACH: "the host is unreachable",
    ]

    private static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return String(url[..<schemeEnd.upperBound]) + rest.prefix { $0 != "/" }
    }
}

extension Attempt {
    /// The same failure for another success type.
    init(failure: Attempt<Never>) {
        switch failure {
        case .success(let impossible): switch impossible {}
        case .rejected(let error): self = .rejected(error)
        case .retryable(let error): self = .retryable(error)
        case .unknown(let error): self = .unknown(error)
        }
    }
}

extension Duration {
    var timeAmount: TimeAmount { .milliseconds(milliseconds) }
}
