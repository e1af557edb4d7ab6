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
    /// One line per request at `.debug`: method, path, status, milliseconds. Never a secret.
    public var logger: Logger

    public init(
        concurrency: Int = 16, connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(30),
        retry: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "routectl", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.concurrency = max(1, concurrency)
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.logger = logger
    }
}
