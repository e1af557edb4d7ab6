import Testing
@testable import RouteShell

@Suite struct HistoryFilterTests {
    let filter = HistoryFilter()

    @Test func keepsOrdinaryLines() {
        #expect(filter.allows("routes create RouteName=a RouteType=Trunk"))
        #expect(filter.allows("profiles add prod --account-secret-file ~/.secret"))
        #expect(filter.allows("set output json"))
    }

    @Test func dropsLinesStartingWithASpaceAndBlankLines() {
        #expect(!filter.allows(" routes list"))
        #expect(!filter.allows(""))
        #expect(!filter.allows("   "))
    }

    @Test func dropsLinesCarryingASecret() {
        #expect(!filter.allows("routes create RouteName=a VoicePasswordToken=hunter2"))
        #expect(!filter.allows("routes update CRID-1 voice_password=hunter2"))
        #expect(!filter.allows("routes update CRID-1 'VoiceToken=a b'"))
        #expect(!filter.allows("profiles add prod --account-key K --account-secret S"))
        #expect(!filter.allows("profiles add prod --account-secret=S"))
        #expect(!filter.allows("set account-secret S"))
        #expect(!filter.allows("import x.csv ROUTECTL_ACCOUNT_SECRET=S"))
    }
}
