/// The columns of a numbers CSV (`numbers import`): the one list that reading the header, help
/// and the result file use. A column is matched as fields are, case, `_`, `-` and spaces ignored.
public enum NumberColumn: String, CaseIterable, Sendable {
    case number = "Number"
    /// A route's name or id; the number's only route on Telegent, its primary on Flowroute.
    case route = "Route"
    /// Flowroute only: tried when the primary route does not answer.
    case failoverRoute = "FailoverRoute"

    public var aliases: [String] {
        switch self {
        case .number: ["PhoneNumber", "TN", "DID"]
        case .route: ["RouteName", "VoiceRouteId", "CallRouteId", "PrimaryRoute", "alias"]
        case .failoverRoute: ["Failover"]
        }
    }

    public static func named(_ cell: String) -> NumberColumn? {
        let wanted = FieldName.normalize(cell)
        return allCases.first { column in ([column.rawValue] + column.aliases).contains { FieldName.normalize($0) == wanted } }
    }

    /// The header `numbers import` expects for `dialect`, for messages.
    public static func expectedHeader(_ dialect: Dialect) -> String {
        (dialect.hasFailoverRoutes ? allCases : [.number, .route]).map(\.rawValue).joined(separator: ",")
    }
}
