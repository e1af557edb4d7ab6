/// What completion knows of a route: enough to offer it by id or by name and to tell routes of
/// the same name apart in a listing.
public struct RouteSummary: Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: String

    public init(id: String, name: String, type: String) {
        self.id = id
        self.name = name
        self.type = type
    }
}
