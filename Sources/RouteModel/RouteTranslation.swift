/// How a route of one provider becomes a route of the other (`import --from`). `MappingLine` is
/// the table, one line per way a source route or field can go, each with what it becomes and why;
/// README's "Importing from the other provider" shows the same lines. `translate` applies it: every
/// part of a route takes the line that fits it, and a part that cannot be carried exactly either
/// refuses the route (the reasons become the row's `error`) or is carried with a note (the row's
/// `note`). Nothing is dropped without one or the other.
public struct RouteTranslation: Sendable {
    /// The catalog the input is read with. Flowroute v2's reads v1's header and type names too
    /// (through its aliases) and adds `id` and `edge_strategy_id`, so either export reads with it.
    public let source: RouteSchema
    public let target: RouteSchema

    /// `source` and `target` are of different providers (an import within one needs no translation);
    /// either Flowroute dialect as `source` reads both APIs' files.
    public init(from source: Dialect, to target: Dialect) {
        self.source = source == .telegent ? .telegent : .flowrouteV2
        self.target = .forDialect(target)
    }

    /// The provider the input comes from, as people name it.
    public var sourceProvider: String { source.dialect == .telegent ? "Telegent" : "Flowroute" }

    /// How the source provider's routes CSV starts (its required columns), for either Flowroute API.
    public var expectedHeader: String {
        func required(_ schema: RouteSchema) -> String {
            schema.fields.filter { $0.requirement == .always }.map(\.name).joined(separator: ",")
        }
        return source.dialect == .telegent
            ? required(.telegent) + ",…" : required(.flowrouteV1) + " (v1) or " + required(.flowrouteV2) + " (v2)"
    }

    /// A route that could be carried over, with what could be carried only with a note.
    public struct Translated: Sendable, Equatable {
        public var route: Route
        public var notes: [String]
        /// The lines of the table that decided the route, in the order they applied.
        public var lines: [MappingLine]
    }

    /// Why a route cannot be carried over: one reason per part that cannot.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var reasons: [String]
        public var lines: [MappingLine]
        public var description: String { reasons.joined(separator: "; ") }
    }

    public func translate(_ route: Route) -> Result<Translated, Refusal> {
        var outcome = Outcome(route: Route(dialect: target.dialect))
        if route.dialect == .telegent { toFlowroute(route, &outcome) } else { toTelegent(route, &outcome) }
        // A refused route is only partly built: of the target's checks, only the name's still say
        // something true of it, and they are said with the other reasons.
        let refused = !outcome.refusal.reasons.isEmpty
        for problem in target.problems(in: outcome.route, for: .create) where !refused || problem.field == target.keyField {
            outcome.refuse(problem.field == target.keyField ? .nameNotAlphanumeric : nil, problem.description)
        }
        guard outcome.refusal.reasons.isEmpty else { return .failure(outcome.refusal) }
        return .success(Translated(route: outcome.route, notes: outcome.notes, lines: outcome.lines))
    }

    // MARK: Flowroute → Telegent

    private func toTelegent(_ route: Route, _ out: inout Outcome) {
        out.set(target.keyField, route.key, .flowrouteName)
        let value = route.string("value") ?? ""
        switch route.routeType?.lowercased() {
        case "host":
            guard let address = SIPTarget(hostAndPort: value) else { return out.refuse(nil, "value: \"\(value)\" is not host[:port]") }
            guard address.isAddress else {
                return address.port == nil
                    ? out.refuse(.hostNameSRV, "value: \"\(value)\" is a host name without a port, which Flowroute looks up "
                        + "in DNS SRV; a Telegent trunk is one IP address and port (TrunkIp1, TrunkPort1): give them")
                    : out.refuse(.hostNamePort, Self.hostNameReason(value, address.host))
            }
            trunk(address, uri: nil, from: value, out: &out, exact: .hostAddressPort, defaultPort: .hostAddress)
        case "uri":
            guard let address = SIPTarget(sipURI: value) else { return out.refuse(nil, "value: \"\(value)\" is not a SIP URI") }
            guard address.isAddress else { return out.refuse(.uriHostName, Self.hostNameReason(value, address.host)) }
            if let conflict = address.transportConflict {
                return out.refuse(nil, "value: \"\(value)\": \(conflict); a Telegent trunk has one transport (TrunkTransport1): "
                    + "keep the one meant")
            }
            trunk(address, uri: value, from: value, out: &out, exact: .uriAddressPort, defaultPort: .uriAddress)
        case "number", "pstn":
            out.set(target.typeField, "Forward", nil)
            out.note(.number, "Forward to \(value) not set: Telegent's API has no field for a Forward route's destination; "
                + "set it on Telegent's side")
        default:
            out.refuse(nil, "\(source.typeField): \"\(route.routeType ?? "")\" has no Telegent equivalent")
        }
        if out.route.routeType != nil {
            // Said outright, not left to the default: an update then enables a disabled route too.
            out.route["RouteEnabled"] = .boolean(true)
            if out.route.routeType == "Trunk" { out.route["TrunkEnabled1"] = .boolean(true) }
            out.lines.append(.flowrouteEnabled)
        }
        if let strategy = route["edge_strategy_id"] {
            out.note(.edgeStrategy, "edge_strategy_id=\(strategy) not carried: Telegent has no edge strategy")
        }
        if route.id != nil { out.lines.append(.flowrouteID) }
    }

    /// Telegent's first trunk from a Flowroute address: the transport SIP uses when none is given
    /// (UDP), and the port it uses for an address without one, said in a note.
    private func trunk(_ address: SIPTarget, uri: String?, from value: String, out: inout Outcome,
                       exact: MappingLine, defaultPort: MappingLine) {
        let transport = address.transport ?? "UDP"
        out.set(target.typeField, "Trunk", nil)
        out.set("TrunkUri1", uri, nil)
        out.set("TrunkIp1", address.host, nil)
        out.set("TrunkTransport1", transport, nil)
        if let port = address.port {
            out.set("TrunkPort1", String(port), exact)
        } else {
            let port = SIPTarget.defaultPort(transport: transport)
            out.set("TrunkPort1", String(port), nil)
            out.note(defaultPort, "no port in \(value): TrunkPort1=\(port), SIP's default for \(transport) to an address")
        }
    }

    private static func hostNameReason(_ value: String, _ host: String) -> String {
        "value: \"\(value)\" names the host \(host); Telegent's TrunkIp1 is an IP address: resolve the name and give the address"
    }

    // MARK: Telegent → Flowroute

    private func toFlowroute(_ route: Route, _ out: inout Outcome) {
        out.set(target.keyField, route.key, .telegentName)
        switch route.routeType {
        case "Trunk": trunk(of: route, &out)
        case "URL":
            out.refuse(.url, "RouteType=URL: Flowroute routes go to a SIP host, a SIP URI or a number, never to a webhook")
        case "Forward":
            out.refuse(.forward, "RouteType=Forward: Telegent's API gives no forward destination, and a Flowroute number route needs one")
        default:
            out.refuse(nil, "RouteType: \"\(route.routeType ?? "")\" has no Flowroute equivalent")
        }
        var ordering: [String] = [], unmatched: [String] = [], secondTrunk: [String] = []
        for (field, value) in route.entries {
            switch Self.role(of: field.name) {
            case .mapped: break
            case .readOnly: out.lines.append(.telegentIDs)
            case .secondTrunk: secondTrunk.append(field.name)
            case .ordering: ordering.append("\(field.name)=\(value)")
            case .enabling:
                if value == .boolean(false) {
                    out.refuse(.disabled, "\(field.name)=false: Flowroute routes cannot be disabled, so the import would put it in service")
                } else {
                    out.lines.append(.enabled)
                }
            case .secureTrunk:
                if value == .boolean(true) {
                    out.refuse(.secureTrunk, "EnableTrpSecureTrunk=true: Flowroute routes have no secure trunk, so calls would lose it")
                }
            case .telegentOnly:
                if Self.isInEffect(value, of: field) { unmatched.append("\(field.name)=\(field.isSecret ? "(set)" : value.description)") }
            }
        }
        if !secondTrunk.isEmpty {
            out.refuse(.secondTrunk, secondTrunk.joined(separator: ", ") + ": a Flowroute route has one destination; import the "
                + "second trunk as a route of its own and make it the numbers' failover route")
        }
        if !ordering.isEmpty {
            out.note(.trunkOrder, "not carried: " + ordering.joined(separator: ", ") + " (they order trunks; a Flowroute route has one)")
        }
        if !unmatched.isEmpty {
            out.note(.telegentOnly, "not carried, Flowroute has no such setting: " + unmatched.joined(separator: ", "))
        }
    }

    private func trunk(of route: Route, _ out: inout Outcome) {
        guard let ip = route.string("TrunkIp1"), let port = route.string("TrunkPort1").flatMap({ Int($0) }),
              let transport = route.string("TrunkTransport1") else {
            return out.refuse(nil, "RouteType=Trunk needs TrunkIp1, TrunkPort1 and TrunkTransport1")
        }
        let uri = route.string("TrunkUri1")
        if let uri, let named = SIPTarget(sipURI: uri) {
            if let conflict = named.transportConflict {
                return out.refuse(.trunkURIConflict, "TrunkUri1 \(uri): \(conflict); a Flowroute URI route would carry it as it is, "
                    + "and which transport is meant is anyone's guess: keep the one meant")
            }
            let uriTransport = named.transport ?? "UDP"
            let uriPort = named.port ?? SIPTarget.defaultPort(transport: uriTransport)
            guard Format.sameHost(named.host, ip), uriPort == port, uriTransport == transport else {
                return out.refuse(.trunkURIConflict, "TrunkUri1 \(uri) goes to \(SIPTarget.hostAndPort(named.host, uriPort)) over "
                    + "\(uriTransport) but TrunkIp1, TrunkPort1, TrunkTransport1 to \(SIPTarget.hostAndPort(ip, port)) over "
                    + "\(transport); which one Telegent calls is not documented, and a Flowroute route holds one")
            }
            out.set(target.typeField, flowrouteType("uri"), nil)
            out.set("value", uri, .trunkSIPURI)
            return
        }
        if let uri {
            out.note(.trunkOtherURI, "TrunkUri1=\(uri) not carried (Flowroute URI routes are sip:user@host): "
                + "the route goes to \(SIPTarget.hostAndPort(ip, port))")
        }
        guard transport == "UDP" else {
            return out.refuse(.trunkStreamWithoutURI, "TrunkTransport1=\(transport): a Flowroute host route has no transport "
                + "(it is UDP), and a URI route needs the user part Telegent does not have: add TrunkUri1="
                + "sip:USER@\(SIPTarget.hostAndPort(ip, port));transport=\(transport.lowercased())")
        }
        out.set(target.typeField, flowrouteType("host"), nil)
        out.set("value", SIPTarget.hostAndPort(ip, port), .trunkUDP)
    }

    /// The target's spelling of a Flowroute route type (v1 `HOST`, v2 `host`).
    private func flowrouteType(_ name: String) -> String? {
        target.field(named: target.typeField).flatMap { try? $0.parse(name) }?.description
    }

    /// What becomes of each Telegent field on the way to Flowroute, besides the route's type.
    private enum Role { case mapped, readOnly, secondTrunk, ordering, enabling, secureTrunk, telegentOnly }

    private static func role(of name: String) -> Role {
        switch name {
        case "RouteName", "RouteType", "TrunkIp1", "TrunkPort1", "TrunkTransport1", "TrunkUri1": return .mapped
        case "CallRouteId", "CallRouteStatus": return .readOnly
        case "TrunkIp2", "TrunkPort2", "TrunkTransport2", "TrunkUri2": return .secondTrunk
        case "Trunk1Priortiy", "Trunk1Weight", "Trunk2Priortiy", "Trunk2Weight", "TrunkEnabled2": return .ordering
        case "RouteEnabled", "TrunkEnabled1": return .enabling
        case "EnableTrpSecureTrunk": return .secureTrunk
        default: return .telegentOnly
        }
    }

    /// The Telegent fields that have no Flowroute counterpart at all, in catalog order.
    public static var telegentOnlyFields: [String] {
        RouteSchema.telegent.fields.map(\.name).filter { role(of: $0) == .telegentOnly }
    }

    /// A setting that is off (`false`, an empty list or text, an enumeration's `None`) asks for
    /// nothing the other side lacks. `None` is off only where the catalog makes it a choice
    /// (`VoiceAuthenticationType`): in free text it is a value like any other.
    private static func isInEffect(_ value: FieldValue, of field: Field) -> Bool {
        switch value {
        case .boolean(let flag): return flag
        case .list(let items): return !items.isEmpty
        case .string(let text):
            if case .enumeration(let values, _) = field.type, values.contains("None") { return text != "None" }
            return !text.isEmpty
        case .integer: return true
        }
    }

    /// `--on-existing update` of a Telegent route by a translated one: the fields of the route as
    /// listed that the update would leave in place although the source route has no such thing
    /// (a second trunk, a `TrunkUri1` beside a new address, a trunk under a `Forward`). Telegent's
    /// update changes only the fields it is sent and cannot empty one, so the route would not be
    /// the source's; each is given as `Field=value`. Trunk 1's priority and weight order a trunk
    /// the row sets, and mean nothing on their own, so they are no contradiction. A Flowroute route
    /// has no field a Telegent one leaves unset (its type and value are always sent).
    public func leftovers(in listed: Route, updatedBy translated: Route) -> [String] {
        guard target.dialect == .telegent else { return [] }
        return listed.entries.compactMap { field, value in
            guard !field.isReadOnly, !field.isAccountBound, translated[field.name] == nil,
                  Self.isInEffect(value, of: field) else { return nil }
            if translated.routeType == "Trunk", ["Trunk1Priortiy", "Trunk1Weight"].contains(field.name) { return nil }
            return "\(field.name)=\(field.isSecret ? "(set)" : value.description)"
        }
    }

    /// The route being built and what the table said about it.
    private struct Outcome {
        var route: Route
        var notes: [String] = []
        var lines: [MappingLine] = []
        var refusal = Refusal(reasons: [], lines: [])

        mutating func set(_ name: String, _ text: String?, _ line: MappingLine?) {
            guard let text else { return }
            route[name] = .string(text)
            if let line { lines.append(line) }
        }

        mutating func note(_ line: MappingLine, _ text: String) {
            notes.append(text)
            lines.append(line)
        }

        mutating func refuse(_ line: MappingLine?, _ reason: String) {
            refusal.reasons.append(reason)
            if let line { refusal.lines.append(line) }
        }
    }
}

/// The mapping table: one line per way a part of a route goes to the other provider.
public enum MappingLine: String, Sendable, CaseIterable {
    // Flowroute → Telegent
    case flowrouteName, hostAddressPort, hostAddress, hostNamePort, hostNameSRV
    case uriAddressPort, uriAddress, uriHostName, number, flowrouteEnabled, edgeStrategy, flowrouteID
    // Telegent → Flowroute
    case telegentName, nameNotAlphanumeric, trunkUDP, trunkStreamWithoutURI, trunkSIPURI, trunkURIConflict
    case trunkOtherURI, secondTrunk, trunkOrder, enabled, disabled, url, forward, secureTrunk, telegentOnly, telegentIDs

    /// What becomes of the part: carried as it is, carried with a note, the route refused, or
    /// left out because it is not the route's (ids the service assigns).
    public enum Outcome: String, Sendable { case exact, note, invalid, ignored }

    public var outcome: Outcome {
        switch self {
        case .flowrouteName, .hostAddressPort, .uriAddressPort, .flowrouteEnabled, .telegentName, .trunkUDP, .trunkSIPURI,
             .enabled: return .exact
        case .hostAddress, .uriAddress, .number, .edgeStrategy, .trunkOtherURI, .trunkOrder, .telegentOnly: return .note
        case .hostNamePort, .hostNameSRV, .uriHostName, .nameNotAlphanumeric, .trunkStreamWithoutURI, .trunkURIConflict,
             .secondTrunk, .disabled, .url, .forward, .secureTrunk: return .invalid
        case .flowrouteID, .telegentIDs: return .ignored
        }
    }

    /// The part of the source route, as README's table writes it.
    public var source: String {
        switch self {
        case .flowrouteName: return "`route_name` (v1), `alias` (v2)"
        case .hostAddressPort: return "`HOST`/`host` `IP:port`, `[IPv6]:port`"
        case .hostAddress: return "`HOST`/`host` `IP` (no port)"
        case .hostNamePort: return "`HOST`/`host` `name:port`"
        case .hostNameSRV: return "`HOST`/`host` `name` (no port: DNS SRV)"
        case .uriAddressPort: return "`URI`/`uri` `sip:user@IP:port[;transport=t]`"
        case .uriAddress: return "`URI`/`uri` `sip:user@IP[;transport=t]` (no port)"
        case .uriHostName: return "`URI`/`uri` `sip:user@name…`"
        case .number: return "`PSTN`/`number` `16476998778`"
        case .flowrouteEnabled: return "(every Flowroute route is enabled)"
        case .edgeStrategy: return "`edge_strategy_id` (v2)"
        case .flowrouteID: return "`id` (v2)"
        case .telegentName, .nameNotAlphanumeric: return "`RouteName`"
        case .trunkUDP: return "`Trunk`: `TrunkIp1`, `TrunkPort1`, `TrunkTransport1=UDP`, no SIP `TrunkUri1`"
        case .trunkStreamWithoutURI: return "`Trunk`: `TrunkTransport1=TCP` or `TLS`, no SIP `TrunkUri1`"
        case .trunkSIPURI: return "`Trunk`: `TrunkUri1` `sip:user@host…` naming `TrunkIp1`, `TrunkPort1`, `TrunkTransport1`"
        case .trunkURIConflict: return "`Trunk`: `TrunkUri1` `sip:user@host…` naming another address, port or transport"
        case .trunkOtherURI: return "`TrunkUri1` that is not `sip:user@host…` (e.g. `https://…`)"
        case .secondTrunk: return "`TrunkIp2`, `TrunkPort2`, `TrunkTransport2`, `TrunkUri2`"
        case .trunkOrder: return "`Trunk1Priortiy`, `Trunk1Weight`, `Trunk2Priortiy`, `Trunk2Weight`, `TrunkEnabled2`"
        case .enabled: return "`RouteEnabled=true`, `TrunkEnabled1=true`"
        case .disabled: return "`RouteEnabled=false`, `TrunkEnabled1=false`"
        case .url: return "`URL`"
        case .forward: return "`Forward`"
        case .secureTrunk: return "`EnableTrpSecureTrunk=true`"
        case .telegentOnly: return RouteTranslation.telegentOnlyFields.map { "`\($0)`" }.joined(separator: ", ")
        case .telegentIDs: return "`CallRouteId`, `CallRouteStatus`"
        }
    }

    /// What it becomes on the other side.
    public var result: String {
        switch self {
        case .flowrouteName: return "`RouteName`"
        case .hostAddressPort: return "`Trunk`: `TrunkIp1=IP`, `TrunkPort1=port`, `TrunkTransport1=UDP`"
        case .hostAddress: return "as above, `TrunkPort1=5060`"
        case .uriAddressPort: return "`Trunk`: `TrunkUri1`= the URI, `TrunkIp1=IP`, `TrunkPort1=port`, `TrunkTransport1=t` (`UDP` without one, `TLS` for `sips:`)"
        case .uriAddress: return "as above, `TrunkPort1=5060` (`5061` for TLS)"
        case .number: return "`Forward`"
        case .flowrouteEnabled: return "`RouteEnabled=true`; `TrunkEnabled1=true` for a `Trunk`"
        case .telegentName: return "`route_name` (v1), `alias` (v2)"
        case .trunkUDP: return "`HOST`/`host` `IP:port` (`[IPv6]:port`)"
        case .trunkSIPURI: return "`URI`/`uri` = `TrunkUri1`"
        case .enabled: return "(every Flowroute route is enabled)"
        case .hostNamePort, .hostNameSRV, .uriHostName, .nameNotAlphanumeric, .trunkStreamWithoutURI, .trunkURIConflict,
             .secondTrunk, .disabled, .url, .forward, .secureTrunk,
             .edgeStrategy, .flowrouteID, .trunkOtherURI, .trunkOrder, .telegentOnly, .telegentIDs: return "—"
        }
    }

    /// Why, and what the note or the reason says.
    public var rationale: String {
        switch self {
        case .flowrouteName: return "Telegent documents no rule for names, so every Flowroute name fits unchanged."
        case .hostAddressPort: return "A HOST route names no transport: SIP's default, UDP."
        case .hostAddress: return "Telegent needs a port. An address has no DNS SRV records, so SIP uses 5060 (RFC 3263); the note says so."
        case .hostNamePort: return "`TrunkIp1` is an IP address. routectl does not resolve names (the answer depends on where and when): resolve it and edit the row."
        case .hostNameSRV: return "Flowroute looks the name up in DNS SRV, which may give several hosts, ports and transports; a Telegent trunk is one of each."
        case .uriAddressPort: return "Telegent needs `TrunkIp1`, `TrunkPort1` and `TrunkTransport1` beside the URI; all come from the URI."
        case .uriAddress: return "As for HOST; the note says which port."
        case .uriHostName: return "`TrunkIp1` is an IP address (as for HOST)."
        case .number: return "Telegent documents no field for a Forward route's destination: the route is made and the note gives the number to set on Telegent's side."
        case .flowrouteEnabled: return "Set outright, so that `--on-existing update` enables a disabled route as the Flowroute route is. An update sends only the fields it sets, and Telegent cannot empty a field: a row that would leave the route other fields the Flowroute route has no counterpart for (`TrunkUri1` beside a new address, a second trunk, a trunk under `Forward`, `VoiceUsername`…) is invalid, naming each: delete the route first, or edit it."
        case .edgeStrategy: return "Flowroute's choice of edge (point of presence); Telegent has none, and where calls go does not depend on it. The note gives the value."
        case .flowrouteID: return "The old account's id; the new route gets its own."
        case .telegentName: return "Unchanged."
        case .nameNotAlphanumeric: return "A v1 name is the route's id: letters and digits only. Another name is refused, never changed: rename it in the file."
        case .trunkUDP: return "Exact: a HOST route is UDP."
        case .trunkStreamWithoutURI: return "A HOST route cannot say TCP or TLS, and a URI route needs a user part Telegent does not hold: add `TrunkUri1`."
        case .trunkSIPURI: return "The URI carries the address, port and transport."
        case .trunkURIConflict: return "Which of the two Telegent calls is not documented; a Flowroute route holds one."
        case .trunkOtherURI: return "Flowroute URIs are SIP; the trunk's address is carried as HOST (or the route refused as above). The note gives the URI."
        case .secondTrunk: return "A Flowroute route has one destination; failover is per number (`failover_route`). Import the second trunk as its own route and attach it as the failover."
        case .trunkOrder: return "They order trunks; one destination needs none. The note gives the values."
        case .enabled: return "Unchanged."
        case .disabled: return "Flowroute routes cannot be disabled: importing would put the route in service."
        case .url: return "Flowroute routes go to a SIP host, a SIP URI or a number, never to a webhook."
        case .forward: return "Telegent's API gives no forward destination, which a `PSTN`/`number` route needs."
        case .secureTrunk: return "Flowroute routes have no such setting: calls would lose it."
        case .telegentOnly: return "Flowroute routes have none of these; the note lists each one set, with its value (secrets as `(set)`), to be set up by hand. Off values (`false`, an empty list, `VoiceAuthenticationType=None`) carry nothing; `None` in free text is a value."
        case .telegentIDs: return "Set by the service; the new route gets its own."
        }
    }

    /// The line as a row of README's table.
    public var markdownRow: String { "| \(source) | \(result) | \(outcome.rawValue) | \(rationale) |" }
}
