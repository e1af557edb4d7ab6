import RouteModel

/// Finds the route a person means by what they typed: its id, or its exact name. People know
/// routes by name ("Toronto SIP trunk"), services by id, and names need not be unique, so a name
/// held by several routes is refused with the candidates rather than guessed.
public struct RouteLookup: Sendable {
    public let service: any RouteService

    public init(_ service: any RouteService) {
        self.service = service
    }

    /// The route `reference` names, as the service shows it by id. An id-shaped reference is
    /// tried as an id first, then as a name (a name may look like an id).
    public func route(_ reference: String) async throws -> Route {
        let schema = RouteSchema.forDialect(service.dialect)
        if schema.looksLikeID(reference) {
            do {
                return try await service.get(id: reference)
            } catch {
                // Not an id after all, perhaps a name; where the name is the id, nothing else to try.
                guard error.kind == .notFound, schema.keyField != schema.idField else { throw error }
            }
        }
        // Only ids and names are read from the list: an account of 300,000 routes is a long list.
        var ids: [String] = []
        try await service.forEachRouteName { id, name in
            if name == reference, let id { ids.append(id) }
        }
        guard let id = ids.first else { throw RouteLookupError.noSuchRoute(reference, dialect: service.dialect) }
        guard ids.count == 1 else { throw RouteLookupError.ambiguous(reference, candidates: try await candidates(ids, named: reference)) }
        return try await service.get(id: id)
    }

    /// The routes sharing a name, in full for the first few (their types tell them apart), by id
    /// and name for the rest: a name on a thousand routes is not a thousand requests.
    private func candidates(_ ids: [String], named name: String) async throws -> [Route] {
        var routes: [Route] = []
        for (index, id) in ids.enumerated() {
            if index < 10 {
                routes.append(try await service.get(id: id))
            } else {
                var route = Route(dialect: service.dialect)
                let schema = route.schema
                route[schema.idField] = .string(id)
                route[schema.keyField] = .string(name)
                routes.append(route)
            }
        }
        return routes
    }
}

extension RouteSchema {
    /// Whether `text` has the shape of this provider's ids: `CRID-…` for Telegent, digits for
    /// Flowroute v2; for Flowroute v1 the name is the id.
    public func looksLikeID(_ text: String) -> Bool {
        switch dialect {
        case .telegent: return text.lowercased().hasPrefix("crid-")
        case .flowrouteV1: return true
        case .flowrouteV2: return !text.isEmpty && text.allSatisfy(\.isASCIIDigit)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Why a route reference named no single route.
public enum RouteLookupError: Error, Sendable, CustomStringConvertible {
    case noSuchRoute(String, dialect: Dialect)
    /// Several routes hold the name; each is listed with its id so that the person can pick one.
    case ambiguous(String, candidates: [Route])

    public var exitStatus: ExitStatus {
        switch self {
        case .noSuchRoute: return .partialFailure
        case .ambiguous: return .usage
        }
    }

    public var description: String {
        switch self {
        case .noSuchRoute(let reference, let dialect):
            let schema = RouteSchema.forDialect(dialect)
            let what = schema.idField == schema.keyField ? "name" : "id or name"
            return "no route has the \(what) \"\(reference)\""
        case .ambiguous(let name, let candidates):
            let ids = candidates.map { $0.id ?? "?" }.joined(separator: ", ")
            return "\(candidates.count) routes are named \"\(name)\" (\(ids)): give the id of the one you mean"
        }
    }
}
