/// One keep-alive HTTP/1.1 connection carrying one request at a time, as events in and actions
/// out, so that the one question that matters after a failure — could the request have reached
/// the server? — is answered in one place, without I/O.
struct HTTP1ExchangeState {
    enum State: Equatable {
        /// Open, no request on it: the pool may hand it out.
        case idle
        /// The request is being written.
        case writing
        /// The request is written whole; no answer yet.
        case awaitingHead
        case readingBody
        case closed
    }

    /// What the connection must do after an event.
    enum Action: Equatable {
        case none
        /// Write the request.
        case write
        /// The connection was closed before a byte of the request was written: open another.
        case notWritten
        /// Complete the request with the answer read; close the connection unless it can carry
        /// another request.
        case answer(close: Bool)
        /// Fail the request, then close the connection.
        case fail(HTTP1Failure)
    }

    private(set) var state: State = .idle
    private let maximumBody: Int
    private var requestWritten = false
    private var keepAlive = true
    private var expectedLength: Int?
    /// Bytes of the answer's body received so far.
    private(set) var received = 0

    init(maximumBody: Int) {
        self.maximumBody = maximumBody
    }

    /// A request is handed to the connection.
    mutating func start() -> Action {
        guard state == .idle else { return state == .closed ? .notWritten : .fail(.connectionLost) }
        state = .writing
        requestWritten = false
        keepAlive = true
        expectedLength = nil
        received = 0
        return .write
    }

    /// The last byte of the request is in the socket.
    mutating func written() -> Action {
        requestWritten = true
        if state == .writing { state = .awaitingHead }
        return .none
    }

    /// A server may answer (an error, say) before it has read the whole request.
    mutating func head(status: Int, contentLength: Int?, keepAlive: Bool) -> Action {
        guard state == .writing || state == .awaitingHead else { return failure(.connectionLost) }
        if let contentLength, contentLength > maximumBody { return failure(.bodyTooLarge) }
        self.keepAlive = keepAlive
        expectedLength = contentLength
        state = .readingBody
        return .none
    }

    mutating func body(count: Int) -> Action {
        guard state == .readingBody else { return failure(.connectionLost) }
        received += count
        return received > maximumBody ? failure(.bodyTooLarge) : .none
    }

    mutating func end() -> Action {
        guard state == .readingBody else { return failure(.connectionLost) }
        if let expectedLength, received != expectedLength { return failure(.connectionLost) }
        // An answer that came before the request was written whole leaves the rest of the
        // request unsent on the wire: nothing else can follow it on this connection.
        let reusable = keepAlive && requestWritten
        state = reusable ? .idle : .closed
        return .answer(close: !reusable)
    }

    /// The connection closed (the peer, a reset, or this side).
    mutating func closed() -> Action {
        switch state {
        case .idle, .closed:
            state = .closed
            return .none
        case .writing, .awaitingHead, .readingBody:
            return failure(.connectionLost)
        }
    }

    /// Writing failed, the answer could not be parsed, or the socket reported an error: the
    /// connection is done for, as if closed.
    mutating func error() -> Action {
        closed()
    }

    mutating func deadlinePassed() -> Action {
        switch state {
        case .idle, .closed: return .none
        case .writing, .awaitingHead, .readingBody: return failure(.deadlineExceeded)
        }
    }

    mutating func cancelled() -> Action {
        switch state {
        case .idle, .closed: return .none
        case .writing, .awaitingHead, .readingBody: return failure(.cancelled)
        }
    }

    /// Every failure once a request is on the connection may have reached the server: bytes
    /// handed to the socket cannot be taken back.
    private mutating func failure(_ reason: HTTP1Failure) -> Action {
        state = .closed
        return .fail(reason)
    }
}
