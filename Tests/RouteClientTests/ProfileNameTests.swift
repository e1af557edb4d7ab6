import Testing
import RouteClient

/// A profile's name is typed, shown on the prompt and names a history file: only plain names.
@Suite struct ProfileNameTests {
    @Test func plainNamesAreAccepted() {
        for name in ["prod", "Prod EU", "fr-v2", "sandbox2", "my.sandbox", "café"] {
            #expect(ProfileConfig.nameRefusal(name) == nil, "\(name)")
        }
    }

    @Test func unsafeOrAmbiguousNamesAreRefusedWithTheReason() {
        #expect(ProfileConfig.nameRefusal("") == "a profile's name cannot be empty")
        #expect(ProfileConfig.nameRefusal("a/b") == "a profile's name cannot hold a / (\"a/b\")")
        #expect(ProfileConfig.nameRefusal("../x") == "a profile's name cannot hold a / (\"../x\")")
        #expect(ProfileConfig.nameRefusal(".hidden") == "a profile's name cannot start with a . (\".hidden\")")
        #expect(ProfileConfig.nameRefusal("e\u{1B}[31mx") == "a profile's name cannot hold control characters (\"e\\e[31mx\")")
        #expect(ProfileConfig.nameRefusal("two\nlines") == "a profile's name cannot hold control characters (\"two⏎lines\")")
        for name in ["sandbox", "SandBox", "SANDBOX"] {
            #expect(ProfileConfig.nameRefusal(name) == "\"\(name)\" is the local sandbox's name (in any case); choose another")
        }
    }
}
