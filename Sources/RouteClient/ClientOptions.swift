import Logging

/// How one command or import uses the network. One `HTTPClient` is made per service, its
/// connection pool sized to `concurrency` so that N requests in flight need no queueing.
public struct ClientOptions: Sendable {
    /// Requests in flight at once; the size of the connection pool per host.
    public var concurrency: Int
    public var connectTimeout: Duration
    /// The longest wait for a whole answer, after which the outcome of a write is unknown.
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// How long after sending a create whose outcome is unknown to look it up; `nil` means
    /// three request timeouts, long enough for a commit that lands after the client gave up.
    public var settleDelay: Duration?
    /// One line per request at `.debug`: method, path, status, milliseconds. Never a secret.
    public var logger: Logger

    public init(
        concurrency: Int = 16, connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(30),
        retry: RetryPolicy = RetryPolicy(), settleDelay: Duration? = nil, logger: Logger = Logger(label: "routectl", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.concurrency = max(1, concurrency)
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.settleDelay = settleDelay
        self.logger = logger
    }

    public var effectiveSettleDelay: Duration { settleDelay ?? requestTimeout * 3 }
}
