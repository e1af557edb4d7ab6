/// One entry of the field catalog: everything routectl knows about a route field.
public struct Field: Sendable {
    /// The name on the wire, typos included (`Trunk1Priortiy`): it is the API's own vocabulary.
    public let name: String
    /// Other spellings a person or the service may use; matched like `name`.
    public let aliases: [String]
    public let type: FieldType
    public let requirement: Requirement
    /// Never printed, logged or saved in clear.
    public let isSecret: Bool
    /// Set by the service (ids, status); never sent on create or update.
    public let isReadOnly: Bool
    /// Names the account itself (`AccountId`): meaningless in another account, so files meant
    /// for `import` (export, CSV output) leave it out and a route moves between accounts whole.
    public let isAccountBound: Bool
    /// A stricter type for particular route types, e.g. Flowroute's `value` is 11 digits for PSTN.
    public let typeByRouteType: [String: FieldType]
    public let help: String

    public init(
        _ name: String, _ type: FieldType, aliases: [String] = [], required: Requirement = .optional,
        secret: Bool = false, readOnly: Bool = false, accountBound: Bool = false, typeByRouteType: [String: FieldType] = [:], help: String
    ) {
        self.name = name
        self.aliases = aliases
        self.type = type
        self.requirement = required
        self.isSecret = secret
        self.isReadOnly = readOnly
        self.isAccountBound = accountBound
        self.typeByRouteType = typeByRouteType
        self.help = help
    }

    /// The type that applies to a route of `routeType` (or the general one).
    public func type(forRouteType routeType: String?) -> FieldType {
        routeType.flatMap { typeByRouteType[$0] } ?? type
    }

    /// When a field must be present on create.
    public enum Requirement: Sendable, Equatable {
        case optional
        case always
        /// Required when the route's type is one of these (canonical enum values).
        case forRouteTypes([String])

        public func applies(toRouteType routeType: String?) -> Bool {
            switch self {
            case .optional: return false
            case .always: return true
            case .forRouteTypes(let types): return routeType.map(types.contains) ?? false
            }
        }
    }
}
