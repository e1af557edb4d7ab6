import Testing
@testable import RouteShell

@Suite struct HintsTests {
    private func hint(_ line: String) throws -> String? {
        Hints(engine: try makeEngine()).hint(for: line)
    }

    @Test func showsTheRequiredFieldsStillMissing() throws {
        #expect(try hint("routes create ") == "RouteName= RouteType=")
        #expect(try hint("routes create RouteType=Trunk ") == "RouteName= TrunkIp1= TrunkPort1= TrunkTransport1=")
        #expect(try hint("routes create type=url name=x ") == "VoiceUrl= VoiceUrlMethod=")
        #expect(try hint("routes create RouteType=Trunk RouteName=x TrunkIp1=10.0.0.1 TrunkPort1=5060 TrunkTransport1=UDP") == nil)
    }

    @Test func describesTheValueBeingTyped() throws {
        #expect(try hint("routes create TrunkTransport1=") == "one of UDP, TCP, TLS")
        #expect(try hint("routes update CRID-1 TrunkPort1=") == "a port number from 1 to 65535")
    }

    @Test func saysNothingElsewhere() throws {
        #expect(try hint("routes list ") == nil)
        #expect(try hint("routes update CRID-1 ") == nil)
        #expect(try hint("import ") == nil)
        #expect(try hint("help routes create ") == nil)
    }
}
