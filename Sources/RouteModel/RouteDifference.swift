/// How a route someone wants (a row of a file, an edit) differs from the route as the service
/// lists it, field by field. Values are compared as the catalog types them, so `udp` and `UDP`,
/// a port listed as `5060` or `"5060"`, and `yes` and `true` are the same value: only a real
/// difference is sent. A secret cannot be compared — the service never returns one — so a secret
/// the route sets is always sent, and said to be. Read-only fields (ids, status) are never sent
/// and never differ; fields the route leaves out are not changes (an update is partial).
public struct RouteDifference: Sendable, Equatable {
    /// One field whose value will change.
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        public let field: String
        /// `nil` when the listed route has no value for the field.
        public let before: FieldValue?
        public let after: FieldValue

        /// `TrunkPort1: 5060 → 5062`, raw: escape it (`TerminalText.escaped`) before it reaches a terminal.
        public var description: String { "\(field): \(before?.description ?? "(none)") → \(after)" }
    }

    /// The fields that differ, in catalog order.
    public let changes: [Change]
    /// The secret fields the route sets, in catalog order: sent, since they cannot be compared.
    public let secrets: [String]
    /// What to send for the difference: the changed fields and the secrets.
    public let update: Route

    /// - Parameters:
    ///   - wanted: the fields to set, as parsed from a file or an edit.
    ///   - listed: the route as the service lists it.
    public init(of wanted: Route, from listed: Route) {
        var changes: [Change] = []
        var secrets: [String] = []
        var update = Route(dialect: wanted.dialect)
        for (field, value) in wanted.entries where !field.isReadOnly {
            if field.isSecret {
                secrets.append(field.name)
            } else {
                let before = listed[field.name]
                if let before, field.same(before, routeType: listed.routeType, as: value, routeType: wanted.routeType) { continue }
                changes.append(Change(field: field.name, before: before, after: value))
            }
            update[field.name] = value
        }
        self.changes = changes
        self.secrets = secrets
        self.update = update
    }

    /// Nothing to send: the listed route already holds every value, and no secret is set.
    public var isEmpty: Bool { changes.isEmpty && secrets.isEmpty }

    /// One line per changed field, then `Field: will be sent` per secret; raw, as `Change`.
    public var lines: [String] {
        changes.map(\.description) + secrets.map { "\($0): will be sent (secret, cannot be compared)" }
    }
}

extension Field {
    /// Whether two values of this field are the same once typed: each is read again as text by
    /// the catalog (which canonicalises case, numbers, booleans, addresses and ports) under its
    /// own route's type. A list of addresses is a whitelist, a set: neither order nor repeats
    /// change what it lets in.
    func same(_ a: FieldValue, routeType aType: String?, as b: FieldValue, routeType bType: String?) -> Bool {
        switch (canonical(a, routeType: aType), canonical(b, routeType: bType)) {
        case (.list(let first), .list(let second)): Set(first) == Set(second)
        case let (first, second): first == second
        }
    }

    private func canonical(_ value: FieldValue, routeType: String?) -> FieldValue {
        (try? parse(value.description, routeType: routeType)) ?? value
    }
}
