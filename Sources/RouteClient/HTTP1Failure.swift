/// Why a request on a connection of `HTTP1Client` got no whole answer. Only `notConnected`
/// and `handshakeFailed` mean that no byte of the request left; everything else may have
/// reached the server.
enum HTTP1Failure: Error, Equatable {
    /// No connection could be made, or every one made closed before the request was written.
    case notConnected(reason: String)
    /// The TLS handshake failed or timed out: nothing was sent in the clear or otherwise.
    case handshakeFailed(reason: String)
    /// The URL is not one `HTTP1Client` can send to.
    case invalidURL
    /// No whole answer before the request's deadline.
    case deadlineExceeded
    /// The connection closed or failed after the request was handed to it, before the answer
    /// was whole (a reset, a body cut short of its Content-Length, an unparsable answer).
    case connectionLost
    /// The answer's body is over the client's cap.
    case bodyTooLarge
    case cancelled
}
