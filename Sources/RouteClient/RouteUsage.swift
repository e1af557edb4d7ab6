import RouteModel

/// The numbers whose calls a route carries, as primary or failover: what changing or deleting
/// the route touches. Counts them all and keeps the first few to show.
public struct RouteUsage: Sendable, Equatable {
    /// The route's id (Flowroute v1: its name), as numbers refer to it.
    public let routeID: String
    public private(set) var count = 0
    /// The first `exampleLimit` numbers using the route, in the order the service lists them.
    public private(set) var examples: [PhoneNumber] = []
    public static let exampleLimit = 5

    public init(routeID: String) {
        self.routeID = routeID
    }

    public mutating func add(_ number: PhoneNumber, _ routing: NumberRouting) {
        guard routing.primary == routeID || routing.failover == routeID else { return }
        count += 1
        if examples.count < Self.exampleLimit { examples.append(number) }
    }
}

extension RouteService {
    /// Which numbers use route `id`: one pass over the account's numbers.
    public func usage(of id: String) async throws -> RouteUsage {
        var usage = RouteUsage(routeID: id)
        try await forEachNumber { usage.add($0, $1) }
        return usage
    }
}
