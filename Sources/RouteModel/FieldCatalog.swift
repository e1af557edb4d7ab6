// The field catalog: the one place route fields are named. Wire names keep the APIs' own typos
// (`Trunk1Priortiy`); the spellings people and older documents use are aliases.

private let httpSchemes = ["http", "https"]
private let methods = FieldType.enumeration(values: ["GET", "POST"])
private let transports = FieldType.enumeration(values: ["UDP", "TCP", "TLS"])
private let priority = FieldType.integer(0...65535)

extension RouteSchema {
    /// Telegent mPaaS voice routes (`/v1.0/voice/routes`).
    public static let telegent = RouteSchema(
        dialect: .telegent,
        fields: [
            Field("CallRouteId", .string, aliases: ["CRID", "id"], readOnly: true,
                  help: "The route's id, CRID-<uuid>, assigned by the service"),
            Field("AccountId", .string, accountBound: true,
                  help: "Account to own the route (DID-… or AID-…); defaults to the caller's"),
            Field("RouteName", .string, aliases: ["name", "route"], required: .always,
                  help: "Friendly name; routectl's import key, so keep it unique"),
            Field("RouteType", .enumeration(values: ["Trunk", "URL", "Forward"]), aliases: ["type"], required: .always,
                  help: "Trunk (SIP trunk), URL (webhook) or Forward"),
            Field("VoiceUrl", .uri(schemes: httpSchemes), required: .forRouteTypes(["URL"]),
                  help: "Webhook called for voice events"),
            Field("VoiceUrlMethod", methods, required: .forRouteTypes(["URL"]),
                  help: "HTTP method for VoiceUrl"),
            Field("VoiceAuthenticationType", .enumeration(values: ["None", "Basic", "Bearer"]),
                  aliases: ["VocieAuthenticationType", "VoiceAuthType"],
                  help: "How the webhook authenticates: None, Basic or Bearer"),
            Field("VoiceUsername", .string, help: "Username for Basic webhook authentication"),
            Field("VoicePasswordToken", .string, aliases: ["VoicePassword", "VoiceToken"], secret: true,
                  help: "Password or bearer token for the webhook (secret: never shown)"),
            Field("CallbackVoiceUrl", .uri(schemes: httpSchemes), aliases: ["CallbackUrl"],
                  help: "Webhook for call status callbacks"),
            Field("CallbackVoiceUrlMethod", methods, aliases: ["CallbackUrlMethod"],
                  help: "HTTP method for CallbackVoiceUrl"),
            Field("TrunkIp1", .ipAddress, aliases: ["TrunkIpAddress1", "Trunk1Ip"], required: .forRouteTypes(["Trunk"]),
                  help: "Primary SIP trunk IP address"),
            Field("TrunkPort1", .port, aliases: ["Trunk1Port"], required: .forRouteTypes(["Trunk"]),
                  help: "Primary trunk port (sent as a string)"),
            Field("TrunkTransport1", transports, aliases: ["Trunk1Transport"], required: .forRouteTypes(["Trunk"]),
                  help: "Primary trunk transport: UDP, TCP or TLS"),
            Field("TrunkUri1", .uri(schemes: []), aliases: ["Trunk1Uri"], help: "Primary trunk URI"),
            Field("TrunkEnabled1", .boolean, aliases: ["Trunk1Enabled"], help: "Whether the primary trunk takes calls"),
            Field("Trunk1Priortiy", priority, aliases: ["Trunk1Priority", "TrunkPriority1"],
                  help: "Primary trunk priority; lower is tried first"),
            Field("Trunk1Weight", priority, aliases: ["TrunkWeight1"], help: "Primary trunk load-balancing weight"),
            Field("TrunkIp2", .ipAddress, aliases: ["TrunkIpAddress2", "Trunk2Ip"], help: "Secondary SIP trunk IP address"),
            Field("TrunkPort2", .port, aliases: ["Trunk2Port"], help: "Secondary trunk port (sent as a string)"),
            Field("TrunkTransport2", transports, aliases: ["Trunk2Transport"],
                  help: "Secondary trunk transport: UDP, TCP or TLS"),
            Field("TrunkUri2", .uri(schemes: []), aliases: ["Trunk2Uri"], help: "Secondary trunk URI"),
            Field("TrunkEnabled2", .boolean, aliases: ["Trunk2Enabled"], help: "Whether the secondary trunk takes calls"),
            Field("Trunk2Priortiy", priority, aliases: ["Trunk2Priority", "TrunkPriority2"],
                  help: "Secondary trunk priority; lower is tried first"),
            Field("Trunk2Weight", priority, aliases: ["TrunkWeight2"], help: "Secondary trunk load-balancing weight"),
            Field("HeaderManipulation", .string, help: "Header manipulation profile id, e.g. HMI8802029"),
            Field("EnableSipRefer", .boolean, aliases: ["SipRefer"], help: "Allow SIP REFER transfers"),
            Field("TransferCallerId", .string, help: "Caller id on transfers, e.g. Transferee/Transferor"),
            Field("SymmetricRtp", .boolean, help: "Send RTP back to where it came from (NAT traversal)"),
            Field("EnableTrpSecureTrunk", .boolean, aliases: ["EnableSecureTrunk"], help: "Use the secure trunk"),
            Field("EnablePstnTransfer", .boolean, help: "Allow transfers to the PSTN"),
            Field("IpWhitelist", .ipList, aliases: ["IpAllowlist"],
                  help: "Addresses allowed to send calls, separated by ';'"),
            Field("CnamLookup", .boolean, help: "Look up caller names (CNAM)"),
            Field("TerminationUriSubdomain", .string, help: "Subdomain of the termination URI, e.g. client"),
            Field("EnableCallStreaming", .boolean, help: "Stream call audio to WssUri"),
            Field("WssUri", .uri(schemes: ["wss", "ws"]), help: "WebSocket URI for call streaming"),
            Field("RouteEnabled", .boolean, aliases: ["Enabled"], help: "Whether the route takes calls"),
            Field("IntelligentRouteEnabled", .boolean, help: "Intelligent routing features"),
            Field("CallRouteStatus", .string, aliases: ["status"], readOnly: true,
                  help: "Status reported by the service, e.g. Active"),
        ],
        keyField: "RouteName", idField: "CallRouteId", typeField: "RouteType")

    private static let flowrouteValueTypes: [String: FieldType] = [
        "HOST": .hostAndPort, "PSTN": .pstnNumber, "URI": .sipURI,
        "host": .hostAndPort, "number": .pstnNumber, "uri": .sipURI,
    ]

    /// Flowroute v1 inbound routes (`PUT /v1/routes/{route_name}`): the name is the id.
    public static let flowrouteV1 = RouteSchema(
        dialect: .flowrouteV1,
        fields: [
            Field("route_name", .string, aliases: ["name", "alias"], required: .always,
                  help: "Alphanumeric name, unique per account; also the route's id"),
            Field("type", .enumeration(values: ["HOST", "PSTN", "URI"], aliases: ["number": "PSTN"]),
                  aliases: ["route_type"], required: .always,
                  help: "HOST (IP or host name), PSTN (a phone number) or URI (a SIP URI)"),
            Field("value", .string, aliases: ["destination"], required: .always, typeByRouteType: flowrouteValueTypes,
                  help: "Where calls go: host[:port], 11 digits, or sip:user@host"),
        ],
        keyField: "route_name", idField: "route_name", typeField: "type")

    /// Flowroute v2 routes (`/v2/routes`, JSON:API).
    public static let flowrouteV2 = RouteSchema(
        dialect: .flowrouteV2,
        fields: [
            Field("id", .string, aliases: ["route_id"], readOnly: true, help: "The route's id, assigned by the service"),
            Field("alias", .string, aliases: ["route_name", "name"], required: .always,
                  help: "The route's name; routectl's import key"),
            Field("route_type", .enumeration(values: ["host", "number", "uri"], aliases: ["pstn": "number"]),
                  aliases: ["type"], required: .always,
                  help: "host (IP or host name), number (a phone number) or uri (a SIP URI)"),
            Field("value", .string, aliases: ["destination"], required: .always, typeByRouteType: flowrouteValueTypes,
                  help: "Where calls go: host[:port], 11 digits, or sip:user@host"),
            Field("edge_strategy_id", .integer(1...1_000_000), aliases: ["edge_strategy"],
                  help: "Flowroute edge strategy (point of presence)"),
        ],
        keyField: "alias", idField: "id", typeField: "route_type")
}

// The tables `routes list` prints: a few columns that tell routes apart at a glance, some of
// them summaries of several fields.
extension RouteSchema {
    var listColumnNames: [String] {
        switch dialect {
        case .telegent: return ["CallRouteId", "RouteName", "RouteType", "Destination", "Status"]
        case .flowrouteV1: return ["route_name", "type", "value"]
        case .flowrouteV2: return ["id", "alias", "route_type", "value", "edge_strategy_id"]
        }
    }

    var summaryColumns: [RouteColumn] {
        switch dialect {
        case .telegent:
            return [RouteColumn(summary: "Destination", TelegentSummary.destination),
                    RouteColumn(summary: "Status", TelegentSummary.status)]
        case .flowrouteV1, .flowrouteV2:
            return []
        }
    }
}
