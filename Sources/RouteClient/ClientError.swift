import RouteModel

/// Why a request did not give the answer wanted, worded for the person who has to act on it.
/// Never contains a secret: messages are built from statuses, URLs and the service's own text.
public struct ClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The service answered with an error status (`status` and usually `body` are set).
        case refused
        /// The route named in the request does not exist (404).
        case notFound
        /// The service refused to delete a route because numbers still use it.
        case routeInUse
        /// The account key or secret was refused (401 on authentication, or again after re-authenticating).
        case credentialsRefused
        /// No connection could be made: refused, unknown host, no route.
        case unreachable
        /// The TLS handshake failed (certificate, protocol).
        case tls
        /// No complete answer within the timeout.
        case timeout
        /// The connection closed before the answer was complete.
        case connectionLost
        /// A success status with a body that is not what the API documents.
        case unexpectedAnswer
        /// The command was interrupted (Ctrl-C) before it had an answer.
        case cancelled
    }

    public var kind: Kind
    public var status: Int?
    public var body: APIErrorBody?
    /// The wait the server asked for (`Retry-After`), if any.
    public var retryAfter: Duration?
    /// The URL of the request, without its query, for messages that name the server.
    public var url: String?
    private var text: String

    public init(kind: Kind, status: Int? = nil, body: APIErrorBody? = nil, retryAfter: Duration? = nil, url: String? = nil, message: String) {
        self.kind = kind
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
        self.url = url
        self.text = message
    }

    public var description: String { text }

    /// The process exit status this error leads to when it ends a command: 3 when nothing can
    /// work until the person fixes the connection or credentials, 1 otherwise.
    public var exitStatus: ExitStatus {
        switch kind {
        case .credentialsRefused, .unreachable, .tls: return .fatal
        case .refused, .notFound, .routeInUse, .timeout, .connectionLost, .unexpectedAnswer: return .partialFailure
        case .cancelled: return .interrupted
        }
    }
}

extension ClientError {
    /// `400 Bad Request — RouteType: must be one of Trunk, URL, Forward`.
    public static func status(_ status: Int, body: APIErrorBody?, retryAfter: Duration? = nil, url: String?) -> ClientError {
        let summary = body?.summary ?? ""
        var message = "\(status) \(reasonPhrase(status))"
        if !summary.isEmpty { message += " — " + summary }
        return ClientError(kind: .refused, status: status, body: body, retryAfter: retryAfter, url: url, message: message)
    }

    /// `404 — voice route CRID-… was not found`.
    public static func notFound(_ what: String, body: APIErrorBody? = nil, url: String?) -> ClientError {
        ClientError(kind: .notFound, status: 404, body: body, url: url, message: "404 — \(what) was not found")
    }

    /// The service's refusal of a route delete, recognised as meaning that numbers use the route.
    var routeInUse: ClientError {
        var error = self
        error.kind = .routeInUse
        return error
    }

    /// The error with `context` before its text: what had been done when it happened.
    func after(_ context: String) -> ClientError {
        var error = self
        error.text = context + ": " + text
        return error
    }

    public static func credentialsRefused(url: String?, body: APIErrorBody? = nil) -> ClientError {
        ClientError(kind: .credentialsRefused, status: 401, body: body, url: url,
                    message: "401 — the account key or secret was refused")
    }

    public static func unreachable(url: String, reason: String) -> ClientError {
        ClientError(kind: .unreachable, url: url, message: "cannot connect to \(url): \(reason)")
    }

    public static func tls(url: String, reason: String) -> ClientError {
        ClientError(kind: .tls, url: url, message: "TLS with \(url) failed: \(reason)")
    }

    public static func timeout(url: String, after: Duration) -> ClientError {
        ClientError(kind: .timeout, url: url, message: "no answer from \(url) within \(after.seconds) s")
    }

    public static func connectionLost(url: String) -> ClientError {
        ClientError(kind: .connectionLost, url: url, message: "the connection to \(url) closed before the answer was complete")
    }

    public static func unexpectedAnswer(url: String?, status: Int? = nil, _ what: String) -> ClientError {
        ClientError(kind: .unexpectedAnswer, status: status, url: url, message: what)
    }

    /// Interrupted; says whether the request may have been applied all the same.
    public static func cancelled(after lastError: ClientError?, mayHaveApplied: Bool) -> ClientError {
        var message = "interrupted"
        if let lastError { message += " after: \(lastError)" }
        if mayHaveApplied { message += " (the request may have been applied)" }
        return ClientError(kind: .cancelled, status: lastError?.status, url: lastError?.url, message: message)
    }

    static func reasonPhrase(_ status: Int) -> String {
        let phrases = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            408: "Request Timeout", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
            422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return phrases[status] ?? "Error"
    }
}

extension Duration {
    var seconds: String {
        let milliseconds = self.milliseconds
        return milliseconds % 1000 == 0 ? String(milliseconds / 1000) : String(Double(milliseconds) / 1000)
    }
}

extension ClientError {
    /// The error with every occurrence of `secret` in its text and in the service's body shown as
    /// `***`: a server may echo a request it refuses, credentials and all. Only answers carry the
    /// server's words (routectl's own messages never hold a secret), and a secret of a few
    /// letters would be found inside ordinary words.
    func redacting(_ secret: String) -> ClientError {
        guard status != nil, secret.count >= 4 else { return self }
        var redacted = self
        redacted.text = text.replacingOccurrences(of: secret, with: "***")
        redacted.body = body?.replacingOccurrences(of: secret, with: "***")
        return redacted
    }
}
