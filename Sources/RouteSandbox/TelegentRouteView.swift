import RouteModel

/// How a Telegent route is stored and shown: the body is what the service answers, so it uses
/// the response spellings (`IpWhiteList`) and leaves secrets out; secrets are kept beside it.
enum TelegentRouteView {
    /// Spellings the service's responses use instead of the catalog's request names.
    private static let responseSpellings = ["IpWhitelist": "IpWhiteList"]
    private static let secretFields = Set(RouteSchema.telegent.fields.filter(\.isSecret).map(\.name))

    static func record(_ route: Route) -> RouteRecord {
        var shown: [(String, JSON)] = []
        var hidden: [(String, JSON)] = []
        let encoded = TelegentWire.encode(route).objectMembers ?? []
        for (name, value) in encoded {
            if secretFields.contains(name) {
                hidden.append((name, value))
            } else {
                shown.append((responseSpellings[name] ?? name, value))
            }
        }
        return RouteRecord(
            id: route.id ?? "", name: route.key ?? "", body: JSON.object(shown).serialized,
            secrets: hidden.isEmpty ? nil : JSON.object(hidden).serialized)
    }

    /// The full route back, secrets included, for a partial update.
    static func route(_ record: RouteRecord) throws -> Route {
        var members = try JSON(parsing: Array(record.body.utf8)).objectMembers ?? []
        if let secrets = record.secrets {
            members += try JSON(parsing: Array(secrets.utf8)).objectMembers ?? []
        }
        return TelegentWire.decodeRoute(.object(members), strict: false).0
    }
}
