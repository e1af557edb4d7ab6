import Testing
@testable import RouteClient

/// The connection's protocol decisions, without a socket: above all, which failures leave a
/// request "not sent" (none once it is on the connection) and when a connection is reused.
@Suite struct HTTP1ExchangeStateTests {
    private func started(maximumBody: Int = 100) -> HTTP1ExchangeState {
        var exchange = HTTP1ExchangeState(maximumBody: maximumBody)
        #expect(exchange.start() == .write)
        return exchange
    }

    @Test func anAnswerReadWholeLeavesTheConnectionIdle() {
        var exchange = started()
        #expect(exchange.written() == .none)
        #expect(exchange.state == .awaitingHead)
        #expect(exchange.head(status: 201, contentLength: 5, keepAlive: true) == .none)
        #expect(exchange.body(count: 2) == .none)
        #expect(exchange.body(count: 3) == .none)
        #expect(exchange.end() == .answer(close: false))
        #expect(exchange.state == .idle)
        #expect(exchange.start() == .write)
        #expect(exchange.received == 0)
    }

    @Test func connectionCloseInTheAnswerClosesTheConnection() {
        var exchange = started()
        _ = exchange.written()
        _ = exchange.head(status: 200, contentLength: 0, keepAlive: false)
        #expect(exchange.end() == .answer(close: true))
        #expect(exchange.start() == .notWritten)
    }

    @Test func anIdleConnectionClosedByTheServerSendsNothing() {
        var exchange = HTTP1ExchangeState(maximumBody: 100)
        #expect(exchange.closed() == .none)
        #expect(exchange.start() == .notWritten)
    }

    @Test(arguments: [HTTP1ExchangeState.State.writing, .awaitingHead, .readingBody])
    func aCloseOnceTheRequestIsOnTheConnectionMayHaveSentIt(_ at: HTTP1ExchangeState.State) {
        var exchange = reach(at)
        #expect(exchange.closed() == .fail(.connectionLost))
        #expect(exchange.state == .closed)
    }

    @Test(arguments: [HTTP1ExchangeState.State.writing, .awaitingHead, .readingBody])
    func theDeadlineFailsARequestAsTimedOut(_ at: HTTP1ExchangeState.State) {
        var exchange = reach(at)
        #expect(exchange.deadlinePassed() == .fail(.deadlineExceeded))
        #expect(exchange.deadlinePassed() == .none)
    }

    @Test func aBodyCutShortOfItsLengthIsALostConnection() {
        var exchange = started()
        _ = exchange.written()
        _ = exchange.head(status: 200, contentLength: 10, keepAlive: true)
        _ = exchange.body(count: 4)
        #expect(exchange.end() == .fail(.connectionLost))
    }

    @Test func aBodyOverTheCapIsRefusedByItsLengthOrAsItArrives() {
        var declared = started(maximumBody: 10)
        _ = declared.written()
        #expect(declared.head(status: 200, contentLength: 11, keepAlive: true) == .fail(.bodyTooLarge))
        var streamed = started(maximumBody: 10)
        _ = streamed.written()
        #expect(streamed.head(status: 200, contentLength: nil, keepAlive: true) == .none)
        #expect(streamed.body(count: 10) == .none)
        #expect(streamed.body(count: 1) == .fail(.bodyTooLarge))
    }

    @Test func anAnswerBeforeTheRequestIsWrittenWholeEndsTheConnection() {
        var exchange = started()
        #expect(exchange.head(status: 413, contentLength: 0, keepAlive: true) == .none)
        #expect(exchange.end() == .answer(close: true))
    }

    @Test func anAnswerNobodyAskedForClosesTheConnection() {
        var exchange = HTTP1ExchangeState(maximumBody: 100)
        #expect(exchange.head(status: 200, contentLength: 0, keepAlive: true) == .fail(.connectionLost))
        #expect(exchange.start() == .notWritten)
    }

    @Test func aFailedWriteMayHaveSentPartOfTheRequest() {
        var exchange = started()
        #expect(exchange.error() == .fail(.connectionLost))
    }

    @Test func cancellingFailsOnlyARequestInFlight() {
        var idle = HTTP1ExchangeState(maximumBody: 100)
        #expect(idle.cancelled() == .none)
        var busy = started()
        #expect(busy.cancelled() == .fail(.cancelled))
    }

    private func reach(_ state: HTTP1ExchangeState.State) -> HTTP1ExchangeState {
        var exchange = started()
        if state == .writing { return exchange }
        _ = exchange.written()
        if state == .awaitingHead { return exchange }
        _ = exchange.head(status: 200, contentLength: 10, keepAlive: true)
        return exchange
    }
}
