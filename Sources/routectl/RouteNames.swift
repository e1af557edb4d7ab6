import RouteClient
import RouteModel

/// Route names by id, so that a number's routes are shown as people know them. Numbers refer to
/// routes by id, and a name costs a read: a few routes are read one by one, a whole account's
/// names in one list. Flowroute v1 names its routes by their id: nothing to read.
struct RouteNames {
    let dialect: Dialect
    private var names: [String: String] = [:]

    /// Whether names are worth a column: they are not where the id is the name.
    var shown: Bool { dialect != .flowrouteV1 }

    /// No names known.
    init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// Every route's name, from one list of the account.
    static func all(_ service: any RouteService) async throws -> RouteNames {
        var index = RouteNames(dialect: service.dialect)
        guard index.shown else { return index }
        try await service.forEachRouteName { id, name in
            if let id, let name { index.names[id] = name }
        }
        return index
    }

    /// The names of the routes `routings` use, read one route at a time. A route that cannot be
    /// read stays unnamed: the name is shown for convenience, and the id is what counts.
    static func of(_ routings: [NumberRouting], _ service: any RouteService) async -> RouteNames {
        var index = RouteNames(dialect: service.dialect)
        guard index.shown else { return index }
        for case let id? in routings.flatMap({ [$0.primary, $0.failover] }) where index.names[id] == nil {
            if let name = try? await service.get(id: id).key { index.names[id] = name }
        }
        return index
    }

    /// Adds the name of a route already read, as `routes show` and lookups by name have it.
    mutating func add(_ route: Route) {
        if let id = route.id, let name = route.key { names[id] = name }
    }

    func name(_ id: String?) -> String? {
        id.flatMap { names[$0] }
    }
}
