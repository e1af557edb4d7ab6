import Foundation
import Testing

/// `import --from`: routes of every kind created in one provider's account of the embedded
/// sandbox, exported by `routectl export`, imported into a fresh account of the other provider,
/// and checked there field by field, with the result file's notes and reasons.
@Suite struct CrossProviderImportTests {
    @Test func flowrouteV1ToTelegentAndBackToV1AndV2() throws {
        let source = try RoutesCLIHarness()
        let v1Routes = [
            ("hostA", "HOST", "10.0.0.5:5060"), ("bareA", "HOST", "10.0.0.6"), ("srvA", "HOST", "pbx.example.com"),
            ("namedA", "HOST", "pbx.example.com:5060"), ("uriA", "URI", "sip:u@203.0.113.9:5061;transport=tcp"),
            ("uriB", "URI", "sip:u@203.0.113.10"), ("uriName", "URI", "sip:u@example.com"), ("pstnA", "PSTN", "16476998778"),
        ]
        for (name, type, value) in v1Routes {
            let created = try source.run(["routes", "create", "route_name=\(name)", "type=\(type)", "value=\(value)",
                                          "--provider", "flowroute-v1", "-q"])
            #expect(created.status == 0, "\(created.stderr)")
        }
        let exported = try source.run(["export", "fr1.csv", "--provider", "flowroute-v1", "-q"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let file = source.home.appendingPathComponent("fr1.csv").path
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("route_name,type,value\n"))

        let telegent = try RoutesCLIHarness()
        let imported = try telegent.run(["import", file, "--from", "flowroute", "--results", "fr1.results.csv", "-q"])
        #expect(imported.status == 1, "\(imported.stderr)")
        let results = try telegent.records("fr1.results.csv", key: "RouteName")
        #expect(results.count == 8)
        for name in ["hostA", "bareA", "uriA", "uriB", "pstnA"] { #expect(results[name]?["status"] == "created", "\(name)") }
        #expect(results["hostA"]?["note"] == "")
        #expect(results["uriA"]?["note"] == "")
        #expect(results["bareA"]?["note"] == "no port in 10.0.0.6: TrunkPort1=5060, SIP's default for UDP to an address")
        #expect(results["uriB"]?["note"] == "no port in sip:u@203.0.113.10: TrunkPort1=5060, SIP's default for UDP to an address")
        #expect(results["pstnA"]?["note"]?.hasPrefix("Forward to 16476998778 not set: Telegent's API has no field") == true)
        for name in ["srvA", "namedA", "uriName"] { #expect(results[name]?["status"] == "invalid", "\(name)") }
        #expect(results["srvA"]?["error"]?.contains("a host name without a port, which Flowroute looks up in DNS SRV") == true)
        #expect(results["namedA"]?["error"]?.contains("names the host pbx.example.com; Telegent's TrunkIp1 is an IP address") == true)
        #expect(results["uriName"]?["error"]?.contains("names the host example.com") == true)

        let trunk = { (ip: String, port: String, transport: String) in
            ["RouteType": "Trunk", "TrunkIp1": ip, "TrunkPort1": port, "TrunkTransport1": transport, "RouteEnabled": "true",
             "TrunkEnabled1": "true"]
        }
        var uriA = trunk("203.0.113.9", "5061", "TCP")
        uriA["TrunkUri1"] = "sip:u@203.0.113.9:5061;transport=tcp"
        var uriB = trunk("203.0.113.10", "5060", "UDP")
        uriB["TrunkUri1"] = "sip:u@203.0.113.10"
        #expect(try telegent.serverRoutes(provider: "telegent", key: "RouteName") == [
            "hostA": trunk("10.0.0.5", "5060", "UDP"), "bareA": trunk("10.0.0.6", "5060", "UDP"),
            "uriA": uriA, "uriB": uriB, "pstnA": ["RouteType": "Forward", "RouteEnabled": "true"],
        ])

        // And back: the Telegent account's own export into both Flowroute APIs.
        #expect(try telegent.run(["export", "tg.csv", "-q"]).status == 0)
        let back = try RoutesCLIHarness()
        let tgFile = telegent.home.appendingPathComponent("tg.csv").path
        for (provider, key, type) in [("flowroute-v1", "route_name", "type"), ("flowroute", "alias", "route_type")] {
            let run = try back.run(["import", tgFile, "--from", "telegent", "--provider", provider, "--results", "\(provider).csv", "-q"])
            #expect(run.status == 1, "\(run.stderr)")
            let results = try back.records("\(provider).csv", key: key)
            #expect(results.count == 5)
            #expect(results["pstnA"]?["status"] == "invalid")
            #expect(results["pstnA"]?["error"]?.hasPrefix("RouteType=Forward: Telegent's API gives no forward destination") == true)
            for name in ["hostA", "bareA", "uriA", "uriB"] {
                #expect(results[name]?["status"] == "created", "\(provider) \(name)")
                #expect(results[name]?["note"] == "", "\(provider) \(name)")
            }
            let v1 = provider == "flowroute-v1"
            #expect(try back.serverRoutes(provider: provider, key: key) == [
                "hostA": [type: v1 ? "HOST" : "host", "value": "10.0.0.5:5060"],
                "bareA": [type: v1 ? "HOST" : "host", "value": "10.0.0.6:5060"],
                "uriA": [type: v1 ? "URI" : "uri", "value": "sip:u@203.0.113.9:5061;transport=tcp"],
                "uriB": [type: v1 ? "URI" : "uri", "value": "sip:u@203.0.113.10"],
            ])
        }
    }

    @Test func flowrouteV2ExportToTelegent() throws {
        let source = try RoutesCLIHarness()
        let v2Routes = [
            ["alias=edge host", "route_type=host", "value=10.1.0.5:5070", "edge_strategy_id=4"],
            ["alias=n2", "route_type=number", "value=16475550100"],
            ["alias=u2", "route_type=uri", "value=sips:alice@[2001:db8::7]:5071"],
            ["alias=srv2", "route_type=host", "value=sip.example.net"],
        ]
        for assignments in v2Routes {
            let created = try source.run(["routes", "create"] + assignments + ["--provider", "flowroute", "-q"])
            #expect(created.status == 0, "\(created.stderr)")
        }
        #expect(try source.run(["export", "fr2.csv", "--provider", "flowroute", "-q"]).status == 0)
        let file = source.home.appendingPathComponent("fr2.csv").path
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("id,alias,route_type,value,edge_strategy_id\n"))

        let telegent = try RoutesCLIHarness()
        let imported = try telegent.run(["import", file, "--from", "flowroute", "--results", "fr2.results.csv", "-q"])
        #expect(imported.status == 1, "\(imported.stderr)")
        let results = try telegent.records("fr2.results.csv", key: "RouteName")
        #expect(results["edge host"]?["status"] == "created")
        #expect(results["edge host"]?["note"] == "edge_strategy_id=4 not carried: Telegent has no edge strategy")
        #expect(results["u2"]?["note"] == "")
        #expect(results["n2"]?["note"]?.hasPrefix("Forward to 16475550100 not set") == true)
        #expect(results["srv2"]?["status"] == "invalid")
        #expect(try telegent.serverRoutes(provider: "telegent", key: "RouteName") == [
            "edge host": ["RouteType": "Trunk", "TrunkIp1": "10.1.0.5", "TrunkPort1": "5070", "TrunkTransport1": "UDP",
                          "RouteEnabled": "true", "TrunkEnabled1": "true"],
            "n2": ["RouteType": "Forward", "RouteEnabled": "true"],
            "u2": ["RouteType": "Trunk", "TrunkUri1": "sips:alice@[2001:db8::7]:5071", "TrunkIp1": "2001:db8::7", "TrunkPort1": "5071",
                   "TrunkTransport1": "TLS", "RouteEnabled": "true", "TrunkEnabled1": "true"],
        ])
    }

    @Test func telegentExportOfEveryKindToFlowrouteV1AndV2() throws {
        let source = try RoutesCLIHarness()
        let telegentRoutes = [
            ["RouteName=Main SIP Trunk", "RouteType=Trunk", "TrunkIp1=20.87.87.87", "TrunkPort1=5061", "TrunkTransport1=UDP",
             "Trunk1Priortiy=10", "HeaderManipulation=HMI8802029", "IpWhitelist=20.20.10.10;20.20.10.20", "RouteEnabled=true"],
            ["RouteName=tcpuri", "RouteType=Trunk", "TrunkIp1=203.0.113.9", "TrunkPort1=5061", "TrunkTransport1=TCP",
             "TrunkUri1=sip:u@203.0.113.9:5061;transport=tcp"],
            ["RouteName=tcpbare", "RouteType=Trunk", "TrunkIp1=10.0.0.9", "TrunkPort1=5060", "TrunkTransport1=TCP"],
            ["RouteName=v6", "RouteType=Trunk", "TrunkIp1=2001:db8::1", "TrunkPort1=5060", "TrunkTransport1=UDP"],
            ["RouteName=hook", "RouteType=URL", "VoiceUrl=https://example.com/v", "VoiceUrlMethod=POST"],
            ["RouteName=fwd", "RouteType=Forward"],
            ["RouteName=pair", "RouteType=Trunk", "TrunkIp1=10.0.0.5", "TrunkPort1=5060", "TrunkTransport1=UDP",
             "TrunkIp2=10.0.0.6", "TrunkPort2=5060", "TrunkTransport2=UDP", "Trunk2Priortiy=20"],
            ["RouteName=off", "RouteType=Trunk", "TrunkIp1=10.0.0.7", "TrunkPort1=5060", "TrunkTransport1=UDP", "RouteEnabled=false"],
            ["RouteName=trunkoff", "RouteType=Trunk", "TrunkIp1=10.0.0.8", "TrunkPort1=5060", "TrunkTransport1=UDP", "TrunkEnabled1=false"],
            ["RouteName=conflict", "RouteType=Trunk", "TrunkIp1=203.0.113.9", "TrunkPort1=5062", "TrunkTransport1=UDP",
             "TrunkUri1=sip:u@203.0.113.9"],
            ["RouteName=weburi", "RouteType=Trunk", "TrunkIp1=20.87.87.88", "TrunkPort1=5061", "TrunkTransport1=UDP",
             "TrunkUri1=https://pstn.joonto.com"],
            ["RouteName=secure", "RouteType=Trunk", "TrunkIp1=10.0.0.10", "TrunkPort1=5060", "TrunkTransport1=UDP",
             "EnableTrpSecureTrunk=true"],
        ]
        for assignments in telegentRoutes {
            let created = try source.run(["routes", "create"] + assignments + ["-q"])
            #expect(created.status == 0, "\(created.stderr)")
        }
        #expect(try source.run(["export", "tg.csv", "-q"]).status == 0)
        let file = source.home.appendingPathComponent("tg.csv").path

        let target = try RoutesCLIHarness()
        for (provider, key, type) in [("flowroute-v1", "route_name", "type"), ("flowroute", "alias", "route_type")] {
            let v1 = provider == "flowroute-v1"
            let run = try target.run(["import", file, "--from", "telegent", "--provider", provider, "--results", "\(provider).csv", "-q"])
            #expect(run.status == 1, "\(run.stderr)")
            let results = try target.records("\(provider).csv", key: key)
            #expect(results.count == 12)
            let refusals = [
                "tcpbare": "TrunkTransport1=TCP: a Flowroute host route has no transport",
                "hook": "RouteType=URL: Flowroute routes go to a SIP host, a SIP URI or a number",
                "fwd": "RouteType=Forward: Telegent's API gives no forward destination",
                "pair": "TrunkIp2, TrunkPort2, TrunkTransport2: a Flowroute route has one destination",
                "off": "RouteEnabled=false: Flowroute routes cannot be disabled",
                "trunkoff": "TrunkEnabled1=false: Flowroute routes cannot be disabled",
                "conflict": "TrunkUri1 sip:u@203.0.113.9 goes to 203.0.113.9:5060 over UDP but TrunkIp1, TrunkPort1, TrunkTransport1 "
                    + "to 203.0.113.9:5062 over UDP",
                "secure": "EnableTrpSecureTrunk=true: Flowroute routes have no secure trunk",
            ]
            for (name, reason) in refusals {
                #expect(results[name]?["status"] == "invalid", "\(provider) \(name)")
                #expect(results[name]?["error"]?.contains(reason) == true, "\(provider) \(name): \(results[name]?["error"] ?? "")")
            }
            #expect(results["tcpuri"]?["status"] == "created")
            #expect(results["v6"]?["status"] == "created")
            #expect(results["weburi"]?["status"] == "created")
            #expect(results["weburi"]?["note"]
                == "TrunkUri1=https://pstn.joonto.com not carried (Flowroute URI routes are sip:user@host): the route goes to 20.87.87.88:5061")
            var expected = [
                "weburi": [type: v1 ? "HOST" : "host", "value": "20.87.87.88:5061"],
                "tcpuri": [type: v1 ? "URI" : "uri", "value": "sip:u@203.0.113.9:5061;transport=tcp"],
                "v6": [type: v1 ? "HOST" : "host", "value": "[2001:db8::1]:5060"],
            ]
            if v1 {
                #expect(results["Main SIP Trunk"]?["status"] == "invalid")
                #expect(results["Main SIP Trunk"]?["error"]?.contains("route_name: \"Main SIP Trunk\" is not alphanumeric") == true)
            } else {
                #expect(results["Main SIP Trunk"]?["status"] == "created")
                #expect(results["Main SIP Trunk"]?["note"] == "not carried: Trunk1Priortiy=10 (they order trunks; a Flowroute route has one); "
                    + "not carried, Flowroute has no such setting: HeaderManipulation=HMI8802029, IpWhitelist=20.20.10.10;20.20.10.20")
                expected["Main SIP Trunk"] = [type: "host", "value": "20.87.87.87:5061"]
            }
            #expect(try target.serverRoutes(provider: provider, key: key) == expected, "\(provider)")
        }
    }

    @Test func usageAndHeaderMistakesAreSaidBeforeAnything() throws {
        let cli = try RoutesCLIHarness()
        let telegentCSV = cli.home.appendingPathComponent("tg.csv")
        try Data("RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\nr1,Trunk,10.0.0.5,5060,UDP\n".utf8).write(to: telegentCSV)
        let flowrouteCSV = cli.home.appendingPathComponent("fr.csv")
        try Data("route_name,type,value\nr1,HOST,10.0.0.5\n".utf8).write(to: flowrouteCSV)

        let bogus = try cli.run(["import", telegentCSV.path, "--from", "twilio"])
        #expect(bogus.status == 64)
        #expect(bogus.stderr.contains("--from must be telegent or flowroute (a file of either Flowroute API), not \"twilio\""))

        let same = try cli.run(["import", telegentCSV.path, "--from", "telegent", "-q"])
        #expect(same.status == 64)
        #expect(same.stderr.contains("--from telegent: the account is Telegent already; its own routes CSV imports without --from"))
        let sameV1 = try cli.run(["import", flowrouteCSV.path, "--from", "Flowroute", "--provider", "flowroute-v1", "-q"])
        #expect(sameV1.status == 64)
        #expect(sameV1.stderr.contains("the account is Flowroute v1 already"))

        let wrong = try cli.run(["import", telegentCSV.path, "--from", "flowroute", "-q"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("header: not a Flowroute routes CSV (unknown columns TrunkIp1, TrunkPort1, TrunkTransport1): "
            + "--from flowroute expects route_name,type,value (v1) or alias,route_type,value (v2), as routectl export writes it; "
            + "the file reads as a Telegent routes CSV: import it without --from"), "\(wrong.stderr)")
        let wrongBack = try cli.run(["import", flowrouteCSV.path, "--from", "telegent", "--provider", "flowroute", "-q"])
        #expect(wrongBack.status == 64)
        #expect(wrongBack.stderr.contains("header: not a Telegent routes CSV (unknown columns value): --from telegent expects "
            + "RouteName,RouteType,…"), "\(wrongBack.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("fr.results.csv").path))

        // --dry-run translates too, without a connection.
        let dry = try cli.run(["import", flowrouteCSV.path, "--from", "flowroute", "--dry-run", "-q"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let results = try cli.records("fr.results.csv", key: "RouteName")
        #expect(results["r1"]?["status"] == "valid")
        #expect(results["r1"]?["note"] == "no port in 10.0.0.5: TrunkPort1=5060, SIP's default for UDP to an address")
    }
}

extension RoutesCLIHarness {
    /// A CSV file in the harness's directory as header → cell maps, by the `key` column; read
    /// with routectl's own reader.
    func records(_ name: String, key: String) throws -> [String: [String: String]] {
        let inspected = try run(["csv", "inspect", home.appendingPathComponent(name).path, "--json"])
        let rows = try inspected.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] ?? [] }
        guard let header = rows.first else { return [:] }
        var byKey: [String: [String: String]] = [:]
        for row in rows.dropFirst() {
            let cells = Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })
            byKey[cells[key] ?? ""] = cells
        }
        return byKey
    }

    /// The provider's routes in the sandbox account, by name, each as its fields as text (ids,
    /// status and account left out; they differ between accounts).
    func serverRoutes(provider: String, key: String) throws -> [String: [String: String]] {
        let listed = try run(["routes", "list", "--provider", provider, "--output", "json", "-q"])
        var byName: [String: [String: String]] = [:]
        let routes = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        for var route in routes {
            for name in ["CallRouteId", "CallRouteStatus", "AccountId", "id"] { route[name] = nil }
            // Booleans as JSON writes them (Foundation would print 1).
            let fields = route.mapValues { value in (value as? Bool).map { String($0) } ?? "\(value)" }
            guard let name = fields[key], name != "sip-reg" else { continue }
            byName[name] = fields.filter { $0.key != key }
        }
        return byName
    }
}
