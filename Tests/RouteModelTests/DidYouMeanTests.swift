import Testing
import RouteModel

@Suite struct DidYouMeanTests {
    @Test func offersTheNearestNameOnlyWhenItIsNear() {
        #expect(DidYouMean.closest(to: "rutes", among: ["routes", "import", "export"]) == "routes")
        #expect(DidYouMean.closest(to: "outptu", among: ["output", "provider", "profile"]) == "output")
        #expect(DidYouMean.closest(to: "lst", among: ["create", "list", "show"]) == "list")
        #expect(DidYouMean.closest(to: "zebra", among: ["routes", "import"]) == nil)
        #expect(DidYouMean.clause(for: "rutes", among: ["routes"]) == " (did you mean routes?)")
    }
}
