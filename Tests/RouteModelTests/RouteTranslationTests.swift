import Foundation
import Testing
@testable import RouteModel

/// Every line of the mapping table, in both directions, on a route that takes it; the routes are
/// read the way `import --from` reads a file (the source catalog, from header/cell text).
@Suite struct RouteTranslationTests {
    struct Example: Sendable, CustomStringConvertible {
        let line: MappingLine
        let from: Dialect
        let to: Dialect
        let cells: [(String, String)]
        /// Every field of the translated route, as text; `nil` when the route is refused.
        let fields: [String: String]?
        /// The notes, or the text the refusal must contain.
        let says: [String]

        var description: String { "\(line) \(from.rawValue) → \(to.rawValue) \(cells.map { "\($0)=\($1)" })" }
    }

    static let v1 = Dialect.flowrouteV1, v2 = Dialect.flowrouteV2, tg = Dialect.telegent

    static let examples: [Example] = [
        // Flowroute → Telegent
        Example(line: .hostAddressPort, from: v1, to: tg, cells: [("route_name", "hostA"), ("type", "HOST"), ("value", "10.0.0.5:5060")],
                fields: ["RouteName": "hostA", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkIp1": "10.0.0.5", "TrunkPort1": "5060", "TrunkTransport1": "UDP"],
                says: []),
        Example(line: .hostAddressPort, from: v2, to: tg, cells: [("alias", "v6 host"), ("route_type", "host"), ("value", "[2001:db8::1]:5080")],
                fields: ["RouteName": "v6 host", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkIp1": "2001:db8::1", "TrunkPort1": "5080",
                         "TrunkTransport1": "UDP"],
                says: []),
        Example(line: .hostAddress, from: v1, to: tg, cells: [("route_name", "bare"), ("type", "HOST"), ("value", "10.0.0.6")],
                fields: ["RouteName": "bare", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkIp1": "10.0.0.6", "TrunkPort1": "5060", "TrunkTransport1": "UDP"],
                says: ["no port in 10.0.0.6: TrunkPort1=5060, SIP's default for UDP to an address"]),
        Example(line: .hostNamePort, from: v2, to: tg, cells: [("alias", "named"), ("route_type", "host"), ("value", "pbx.example.com:5060")],
                fields: nil, says: ["names the host pbx.example.com; Telegent's TrunkIp1 is an IP address"]),
        Example(line: .hostNameSRV, from: v1, to: tg, cells: [("route_name", "srv"), ("type", "HOST"), ("value", "pbx.example.com")],
                fields: nil, says: ["a host name without a port, which Flowroute looks up in DNS SRV"]),
        Example(line: .uriAddressPort, from: v1, to: tg,
                cells: [("route_name", "uri"), ("type", "URI"), ("value", "sip:u@203.0.113.9:5061;transport=tcp")],
                fields: ["RouteName": "uri", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkUri1": "sip:u@203.0.113.9:5061;transport=tcp",
                         "TrunkIp1": "203.0.113.9", "TrunkPort1": "5061", "TrunkTransport1": "TCP"],
                says: []),
        Example(line: .uriAddress, from: v2, to: tg, cells: [("alias", "secure"), ("route_type", "uri"), ("value", "sips:u@203.0.113.9")],
                fields: ["RouteName": "secure", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkUri1": "sips:u@203.0.113.9", "TrunkIp1": "203.0.113.9",
                         "TrunkPort1": "5061", "TrunkTransport1": "TLS"],
                says: ["no port in sips:u@203.0.113.9: TrunkPort1=5061, SIP's default for TLS to an address"]),
        Example(line: .uriHostName, from: v2, to: tg, cells: [("alias", "u"), ("route_type", "uri"), ("value", "sip:u@example.com;transport=tcp")],
                fields: nil, says: ["names the host example.com"]),
        Example(line: .number, from: v1, to: tg, cells: [("route_name", "pstn"), ("type", "PSTN"), ("value", "16476998778")],
                fields: ["RouteName": "pstn", "RouteType": "Forward", "RouteEnabled": "true"],
                says: ["Forward to 16476998778 not set: Telegent's API has no field for a Forward route's destination; "
                    + "set it on Telegent's side"]),
        Example(line: .number, from: v2, to: tg, cells: [("alias", "pstn"), ("route_type", "number"), ("value", "16476998778")],
                fields: ["RouteName": "pstn", "RouteType": "Forward", "RouteEnabled": "true"],
                says: ["Forward to 16476998778 not set: Telegent's API has no field for a Forward route's destination; "
                    + "set it on Telegent's side"]),
        Example(line: .edgeStrategy, from: v2, to: tg,
                cells: [("alias", "edge"), ("route_type", "host"), ("value", "10.0.0.7:5060"), ("edge_strategy_id", "4")],
                fields: ["RouteName": "edge", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkIp1": "10.0.0.7", "TrunkPort1": "5060", "TrunkTransport1": "UDP"],
                says: ["edge_strategy_id=4 not carried: Telegent has no edge strategy"]),
        Example(line: .flowrouteID, from: v2, to: tg, cells: [("id", "98396"), ("alias", "r"), ("route_type", "host"), ("value", "10.0.0.8:5060")],
                fields: ["RouteName": "r", "RouteType": "Trunk", "RouteEnabled": "true", "TrunkEnabled1": "true", "TrunkIp1": "10.0.0.8", "TrunkPort1": "5060", "TrunkTransport1": "UDP"],
                says: []),

        // Telegent → Flowroute
        Example(line: .trunkUDP, from: tg, to: v1, cells: trunk("main1", "10.0.0.5", "5060", "UDP"),
                fields: ["route_name": "main1", "type": "HOST", "value": "10.0.0.5:5060"], says: []),
        Example(line: .trunkUDP, from: tg, to: v2, cells: trunk("Main SIP Trunk", "2001:db8::1", "5061", "UDP"),
                fields: ["alias": "Main SIP Trunk", "route_type": "host", "value": "[2001:db8::1]:5061"], says: []),
        Example(line: .nameNotAlphanumeric, from: tg, to: v1, cells: trunk("Main SIP Trunk", "10.0.0.5", "5060", "UDP"),
                fields: nil, says: ["route_name: \"Main SIP Trunk\" is not alphanumeric"]),
        Example(line: .trunkStreamWithoutURI, from: tg, to: v2, cells: trunk("tcp", "10.0.0.5", "5060", "TCP"),
                fields: nil, says: ["TrunkTransport1=TCP: a Flowroute host route has no transport",
                                    "add TrunkUri1=sip:USER@10.0.0.5:5060;transport=tcp"]),
        Example(line: .trunkSIPURI, from: tg, to: v1,
                cells: trunk("uri", "203.0.113.9", "5061", "TCP") + [("TrunkUri1", "sip:u@203.0.113.9:5061;transport=tcp")],
                fields: ["route_name": "uri", "type": "URI", "value": "sip:u@203.0.113.9:5061;transport=tcp"], says: []),
        Example(line: .trunkSIPURI, from: tg, to: v2,
                cells: trunk("uri", "203.0.113.9", "5060", "UDP") + [("TrunkUri1", "sip:u@203.0.113.9")],
                fields: ["alias": "uri", "route_type": "uri", "value": "sip:u@203.0.113.9"], says: []),
        Example(line: .trunkURIConflict, from: tg, to: v2,
                cells: trunk("conflict", "203.0.113.9", "5062", "UDP") + [("TrunkUri1", "sip:u@203.0.113.9")],
                fields: nil, says: ["TrunkUri1 sip:u@203.0.113.9 goes to 203.0.113.9:5060 over UDP but TrunkIp1, TrunkPort1, "
                    + "TrunkTransport1 to 203.0.113.9:5062 over UDP"]),
        Example(line: .trunkOtherURI, from: tg, to: v1,
                cells: trunk("web", "20.87.87.87", "5061", "UDP") + [("TrunkUri1", "https://pstn.joonto.com")],
                fields: ["route_name": "web", "type": "HOST", "value": "20.87.87.87:5061"],
                says: ["TrunkUri1=https://pstn.joonto.com not carried (Flowroute URI routes are sip:user@host): "
                    + "the route goes to 20.87.87.87:5061"]),
        Example(line: .secondTrunk, from: tg, to: v2,
                cells: trunk("two", "10.0.0.5", "5060", "UDP") + [("TrunkIp2", "10.0.0.6"), ("TrunkPort2", "5060"), ("TrunkTransport2", "UDP")],
                fields: nil, says: ["TrunkIp2, TrunkPort2, TrunkTransport2: a Flowroute route has one destination"]),
        Example(line: .trunkOrder, from: tg, to: v1,
                cells: trunk("ordered", "10.0.0.5", "5060", "UDP") + [("Trunk1Priortiy", "10"), ("Trunk1Weight", "5")],
                fields: ["route_name": "ordered", "type": "HOST", "value": "10.0.0.5:5060"],
                says: ["not carried: Trunk1Priortiy=10, Trunk1Weight=5 (they order trunks; a Flowroute route has one)"]),
        Example(line: .enabled, from: tg, to: v2,
                cells: trunk("on", "10.0.0.5", "5060", "UDP") + [("TrunkEnabled1", "true"), ("RouteEnabled", "yes")],
                fields: ["alias": "on", "route_type": "host", "value": "10.0.0.5:5060"], says: []),
        Example(line: .disabled, from: tg, to: v2, cells: trunk("off", "10.0.0.5", "5060", "UDP") + [("RouteEnabled", "false")],
                fields: nil, says: ["RouteEnabled=false: Flowroute routes cannot be disabled"]),
        Example(line: .disabled, from: tg, to: v1, cells: trunk("off", "10.0.0.5", "5060", "UDP") + [("TrunkEnabled1", "no")],
                fields: nil, says: ["TrunkEnabled1=false: Flowroute routes cannot be disabled"]),
        Example(line: .url, from: tg, to: v1,
                cells: [("RouteName", "hook"), ("RouteType", "URL"), ("VoiceUrl", "https://example.com/v"), ("VoiceUrlMethod", "POST")],
                fields: nil, says: ["RouteType=URL: Flowroute routes go to a SIP host, a SIP URI or a number, never to a webhook"]),
        Example(line: .forward, from: tg, to: v2, cells: [("RouteName", "fwd"), ("RouteType", "Forward")],
                fields: nil, says: ["RouteType=Forward: Telegent's API gives no forward destination"]),
        Example(line: .secureTrunk, from: tg, to: v1, cells: trunk("sec", "10.0.0.5", "5060", "UDP") + [("EnableTrpSecureTrunk", "true")],
                fields: nil, says: ["EnableTrpSecureTrunk=true: Flowroute routes have no secure trunk"]),
        Example(line: .telegentOnly, from: tg, to: v2,
                cells: trunk("extras", "10.0.0.5", "5060", "UDP") + [
                    ("HeaderManipulation", "HMI8802029"), ("SymmetricRtp", "true"), ("CnamLookup", "false"),
                    ("EnableTrpSecureTrunk", "false"), ("VoiceAuthenticationType", "None"), ("VoicePasswordToken", "hunter2"),
                    ("IpWhitelist", "20.20.10.10;20.20.10.20"), ("WssUri", "wss://192.67.88.2"),
                ],
                fields: ["alias": "extras", "route_type": "host", "value": "10.0.0.5:5060"],
                says: ["not carried, Flowroute has no such setting: VoicePasswordToken=(set), HeaderManipulation=HMI8802029, "
                    + "SymmetricRtp=true, IpWhitelist=20.20.10.10;20.20.10.20, WssUri=wss://192.67.88.2"]),
        // `None` is off only as VoiceAuthenticationType's choice; in free text it is a value.
        Example(line: .telegentOnly, from: tg, to: v2,
                cells: trunk("nones", "10.0.0.5", "5060", "UDP") + [
                    ("VoiceAuthenticationType", "None"), ("VoiceUsername", "None"), ("VoicePasswordToken", "None"),
                    ("TransferCallerId", "None"),
                ],
                fields: ["alias": "nones", "route_type": "host", "value": "10.0.0.5:5060"],
                says: ["not carried, Flowroute has no such setting: VoiceUsername=None, VoicePasswordToken=(set), TransferCallerId=None"]),
    ]

    @Test(arguments: [
        "sip:u@10.0.0.1;transport=udp;transport=tcp", "sips:bob@10.0.0.14;transport=udp",
    ])
    func aContradictoryTransportInAFlowrouteURIIsRefused(_ value: String) throws {
        let translation = RouteTranslation(from: .flowrouteV2, to: .telegent)
        let route = try Route.parse(pairs: [("alias", "u"), ("route_type", "uri"), ("value", value)], dialect: .flowrouteV2)
        guard case .failure(let refusal) = translation.translate(route) else { Issue.record("\(value) was carried"); return }
        #expect(refusal.description.contains("a Telegent trunk has one transport"), "\(refusal)")
    }

    @Test func aContradictoryTransportInATelegentURIIsRefused() throws {
        let translation = RouteTranslation(from: .telegent, to: .flowrouteV2)
        let route = try Route.parse(pairs: Self.trunk("t", "10.12.0.11", "5060", "UDP")
            .map { (name: $0.0, text: $0.1) } + [(name: "TrunkUri1", text: "sip:u@10.12.0.11:5060;transport=UDP;transport=TCP")],
            dialect: .telegent)
        guard case .failure(let refusal) = translation.translate(route) else { Issue.record("carried"); return }
        #expect(refusal.description.contains("it says transport=udp and transport=tcp"), "\(refusal)")
    }

    @Test func aRefusedRowAlsoSaysItsNameDoesNotFit() throws {
        let translation = RouteTranslation(from: .telegent, to: .flowrouteV1)
        let route = try Route.parse(pairs: Self.trunk("Multi 1", "10.4.0.1", "5060", "TCP").map { (name: $0.0, text: $0.1) }
            + [(name: "TrunkIp2", text: "10.4.0.2"), (name: "RouteEnabled", text: "false")], dialect: .telegent)
        guard case .failure(let refusal) = translation.translate(route) else { Issue.record("carried"); return }
        #expect(refusal.reasons.count == 4, "\(refusal)")
        #expect(refusal.lines.contains(.nameNotAlphanumeric) && refusal.lines.contains(.secondTrunk)
            && refusal.lines.contains(.disabled) && refusal.lines.contains(.trunkStreamWithoutURI), "\(refusal)")
    }

    @Test func anIPv6AddressWrittenTwoWaysIsTheSameTrunk() throws {
        let translation = RouteTranslation(from: .telegent, to: .flowrouteV2)
        let route = try Route.parse(pairs: Self.trunk("v6", "2001:DB8:0::1", "5060", "UDP").map { (name: $0.0, text: $0.1) }
            + [(name: "TrunkUri1", text: "sip:u@[2001:db8::1]:5060")], dialect: .telegent)
        guard case .success(let translated) = translation.translate(route) else { Issue.record("refused"); return }
        #expect(translated.route.string("value") == "sip:u@[2001:db8::1]:5060")
    }

    static func trunk(_ name: String, _ ip: String, _ port: String, _ transport: String) -> [(String, String)] {
        [("RouteName", name), ("RouteType", "Trunk"), ("TrunkIp1", ip), ("TrunkPort1", port), ("TrunkTransport1", transport)]
    }

    static func translate(_ example: Example) throws -> Result<RouteTranslation.Translated, RouteTranslation.Refusal> {
        let translation = RouteTranslation(from: example.from, to: example.to)
        let route = try Route.parse(pairs: example.cells.map { (name: $0.0, text: $0.1) }, dialect: translation.source.dialect)
        #expect(translation.source.problems(in: route, for: .create).isEmpty, "the example itself is a valid source route")
        return translation.translate(route)
    }

    @Test(arguments: examples)
    func line(_ example: Example) throws {
        switch try Self.translate(example) {
        case .success(let translated):
            let fields = Dictionary(uniqueKeysWithValues: translated.route.entries.map { ($0.field.name, $0.value.description) })
            #expect(fields == example.fields)
            #expect(translated.notes == example.says)
            #expect(translated.lines.contains(example.line))
            #expect(translated.route.dialect == example.to)
        case .failure(let refusal):
            #expect(example.fields == nil, "refused: \(refusal)")
            for text in example.says { #expect(refusal.description.contains(text), "\(refusal)") }
            #expect(refusal.lines.contains(example.line))
        }
    }

    @Test func everyLineOfTheTableIsExercised() throws {
        var seen = Set<MappingLine>()
        for example in Self.examples {
            switch try Self.translate(example) {
            case .success(let translated): seen.formUnion(translated.lines)
            case .failure(let refusal): seen.formUnion(refusal.lines)
            }
        }
        // Ids are read-only columns, which an import skips before translating: given directly here.
        var exported = Route(dialect: .telegent)
        exported["RouteName"] = .string("r")
        exported["RouteType"] = .string("Trunk")
        exported["TrunkIp1"] = .string("10.0.0.5")
        exported["TrunkPort1"] = .string("5060")
        exported["TrunkTransport1"] = .string("UDP")
        exported["CallRouteId"] = .string("CRID-1")
        exported["CallRouteStatus"] = .string("Active")
        let translated = try RouteTranslation(from: .telegent, to: .flowrouteV2).translate(exported).get()
        #expect(translated.route.entries.map(\.field.name) == ["alias", "route_type", "value"])
        #expect(translated.notes.isEmpty)
        seen.formUnion(translated.lines)
        #expect(seen.isSuperset(of: [.flowrouteName, .telegentName]))
        #expect(Set(MappingLine.allCases).subtracting(seen).isEmpty, "lines never taken: \(Set(MappingLine.allCases).subtracting(seen))")
    }

    @Test func everyRefusalReasonIsSaidAtOnce() throws {
        let translation = RouteTranslation(from: .telegent, to: .flowrouteV1)
        let route = try Route.parse(pairs: Self.trunk("two", "10.0.0.5", "5060", "TLS") + [("TrunkIp2", "10.0.0.6"), ("RouteEnabled", "no")],
                                    dialect: .telegent)
        guard case .failure(let refusal) = translation.translate(route) else { Issue.record("translated"); return }
        #expect(Set(refusal.lines) == [.trunkStreamWithoutURI, .secondTrunk, .disabled])
    }

    @Test func telegentOnlyFieldsAreTheCatalogsLeftovers() {
        let fields = RouteTranslation.telegentOnlyFields
        #expect(fields.contains("HeaderManipulation") && fields.contains("IpWhitelist") && fields.contains("AccountId"))
        #expect(!fields.contains("TrunkIp1") && !fields.contains("Trunk1Priortiy") && !fields.contains("CallRouteId"))
    }

    @Test func expectedHeadersComeFromTheCatalog() {
        #expect(RouteTranslation(from: .flowrouteV1, to: .telegent).expectedHeader
            == "route_name,type,value (v1) or alias,route_type,value (v2)")
        #expect(RouteTranslation(from: .telegent, to: .flowrouteV2).expectedHeader == "RouteName,RouteType,…")
    }

    /// README's table is this table: every line, as `markdownRow` writes it.
    @Test func readmeHasTheTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized
        let text = try String(contentsOf: readme, encoding: .utf8)
        let missing = MappingLine.allCases.filter { !text.contains($0.markdownRow + "\n") }.map(\.markdownRow)
        #expect(missing.isEmpty, "README lacks:\n\(missing.joined(separator: "\n"))")
    }
}
