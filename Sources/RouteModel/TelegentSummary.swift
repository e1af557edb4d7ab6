/// What a Telegent route's table row says in two words, from several of its fields.
enum TelegentSummary {
    /// Where calls go: `UDP 20.87.87.87:5061` or `TLS [2001:db8::1]:5061` for a trunk (an IPv6
    /// address in brackets, as in a URI, so its port cannot be mistaken for part of it),
    /// `POST https://…` for a webhook.
    @Sendable static func destination(_ route: Route) -> String {
        func text(_ name: String) -> String? { route[name]?.description }
        func trunk(_ number: Int) -> String? {
            guard let address = text("TrunkIp\(number)") ?? text("TrunkUri\(number)") else { return nil }
            let port = text("TrunkPort\(number)")
            let host = port != nil && address.contains(":") && Format.isIPAddress(address) ? "[\(address)]" : address
            let transport = text("TrunkTransport\(number)").map { $0 + " " } ?? ""
            return transport + host + (port.map { ":" + $0 } ?? "")
        }
        switch route.routeType {
        case "URL":
            return [text("VoiceUrlMethod"), text("VoiceUrl")].compactMap { $0 }.joined(separator: " ")
        default:
            let trunks = [trunk(1), trunk(2)].compactMap { $0 }
            return trunks.isEmpty ? text("VoiceUrl") ?? "" : trunks.joined(separator: ", ")
        }
    }

    /// `CallRouteStatus`, else whether the route is enabled.
    @Sendable static func status(_ route: Route) -> String {
        if let status = route.string("CallRouteStatus") { return status }
        if case .boolean(let enabled)? = route["RouteEnabled"] { return enabled ? "Enabled" : "Disabled" }
        return ""
    }
}
