import RouteModel

/// The provider a person names with `--provider`. Flowroute has two APIs; which one is meant is
/// read from the base URL's version suffix (`…/v1`, `…/v2`), or named outright (`flowroute-v1`).
public enum Provider: String, Sendable, CaseIterable {
    case telegent
    case flowroute

    /// What `parse` accepts, as people write it.
    public static let names = ["telegent", "flowroute", "flowroute-v1", "flowroute-v2"]

    /// Accepts `telegent`, `flowroute`, `flowroute-v1` and `flowroute-v2` (any case), and returns
    /// the provider with the API version it pins, if any.
    public static func parse(_ text: String) -> (provider: Provider, pinned: Dialect?)? {
        switch text.lowercased() {
        case "telegent": return (.telegent, .telegent)
        case "flowroute": return (.flowroute, nil)
        case "flowroute-v1", "flowroutev1": return (.flowroute, .flowrouteV1)
        case "flowroute-v2", "flowroutev2": return (.flowroute, .flowrouteV2)
        default: return nil
        }
    }

    /// The wire contract for this provider at `baseURL`. Flowroute URLs ending in `/v1` speak v1;
    /// anything else speaks v2, the current API.
    public func dialect(baseURL: String?) -> Dialect {
        switch self {
        case .telegent: return .telegent
        case .flowroute:
            var base = baseURL ?? ""
            while base.hasSuffix("/") { base.removeLast() }
            return base.lowercased().hasSuffix("/v1") ? .flowrouteV1 : .flowrouteV2
        }
    }
}

extension Dialect {
    public var provider: Provider { self == .telegent ? .telegent : .flowroute }
}
