import Testing
@testable import RouteShell
import RouteModel

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

@Suite struct SecretOptionTests {
    @Test func theSandboxAccountOptionCarriesASecret() {
        #expect(!HistoryFilter().allows("sandbox serve --account KEY:SECRET"))
        #expect(!HistoryFilter().allows("sandbox serve --port 0 --account=KEY:SECRET"))
        #expect(HistoryFilter().allows("sandbox serve --port 0"))
    }
}

@Suite struct SecretNamesTests {
    @Test func masksSecretOptionValuesInWordsAndQueries() {
        #expect(SecretNames.masking(["sandbox", "serve", "--account", "K:S", "--port", "0"]) == ["sandbox", "serve", "--account", "••••••", "--port", "0"])
        #expect(SecretNames.masking(["profiles", "add", "p", "--account-secret=S", "--account-key", "K"]) == ["profiles", "add", "p", "--account-secret=••••••", "--account-key", "K"])
        #expect(SecretNames.maskingQuery("/v2/routes?token=abc&page=2") == "/v2/routes?token=••••••&page=2")
        #expect(SecretNames.maskingQuery("/v2/routes") == "/v2/routes")
    }
}
