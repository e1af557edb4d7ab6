import RouteModel

extension Dialect {
    /// The API a request path belongs to (`/v1.0/…`, `/v1/…`, `/v2/…`), which decides the shape
    /// of its error bodies, including for paths that do not exist.
    init?(path: String) {
        if path == "/v1.0" || path.hasPrefix("/v1.0/") {
            self = .telegent
        } else if path == "/v1" || path.hasPrefix("/v1/") {
            self = .flowrouteV1
        } else if path == "/v2" || path.hasPrefix("/v2/") {
            self = .flowrouteV2
        } else {
            return nil
        }
    }

    /// The path its base URL ends with.
    var basePath: String {
        switch self {
        case .telegent: return "/v1.0"
        case .flowrouteV1: return "/v1"
        case .flowrouteV2: return "/v2"
        }
    }
}
