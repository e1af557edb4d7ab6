import RouteModel

/// How a Telegent route is stored and shown: the body is what the service answers, so it uses
/// the response spellings (`IpWhiteList`) and leaves secrets out; secrets are kept beside it.
enum TelegentRouteView {
    static func record(_ route: Route) -> RouteRecord {
        var secrets = Route(dialect: .telegent)
        for (field, value) in route.entries where field.isSecret { secrets[field.name] = value }
        let hidden = secrets.entries.isEmpty ? nil : TelegentWire.encode(secrets).serialized
        return RouteRecord(
            id: route.id ?? "", name: route.key ?? "", body: TelegentWire.encodeAnswer(route).serialized, secrets: hidden)
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
