/// The outcome of one request, classified by what it means for trying again. Callers that
/// schedule their own retries (the importer) act on this; others use `RouteService.create` and
/// `update`, which apply a `RetryPolicy`.
public enum Attempt<T: Sendable>: Sendable {
    case success(T)
    /// Final: the service refused the request (a validation error, 404, refused credentials).
    case rejected(ClientError)
    /// Certainly not applied (429, 408, 503, no connection made): safe to send again after
    /// `error.retryAfter` or a backoff.
    case retryable(ClientError)
    /// May have been applied (timeout after sending, connection lost, 5xx): re-sending a create
    /// could duplicate the route, so look it up first.
    case unknown(ClientError)

    public var value: T? {
        if case .success(let value) = self { return value }
        return nil
    }

    /// The same outcome, its error (if any) changed by `transform`: a message made more specific.
    public func mapError(_ transform: (ClientError) -> ClientError) -> Attempt<T> {
        switch self {
        case .success: return self
        case .rejected(let error): return .rejected(transform(error))
        case .retryable(let error): return .retryable(transform(error))
        case .unknown(let error): return .unknown(transform(error))
        }
    }

    public var error: ClientError? {
        switch self {
        case .success: return nil
        case .rejected(let error), .retryable(let error), .unknown(let error): return error
        }
    }
}
