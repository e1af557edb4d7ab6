import Foundation
import RouteModel
import Testing
@testable import RouteShell

/// Tab after the numbers commands: a `number` argument takes the account's numbers, a `route`
/// argument or option value its routes by id or name.
@Suite struct NumberCompletionTests {
    private let engine: CompletionEngine = {
        let route = CommandTree.Option(names: ["--route"], takesValue: true, valueName: "route")
        let failover = CommandTree.Option(names: ["--failover"], takesValue: true, valueName: "route")
        let numbers = CommandTree(name: "numbers", subcommands: [
            CommandTree(name: "list", options: [route]),
            CommandTree(name: "show", positionals: [.init(valueName: "number")]),
            CommandTree(name: "assign", options: [failover], positionals: [.init(valueName: "number"), .init(valueName: "route")]),
        ])
        return CompletionEngine(
            tree: CommandTree(name: "routectl", subcommands: [numbers]), schema: { .telegent }, routes: { routes },
            paths: { _ in [] }, numbers: { ["+12065550100", "+12065550101", "+14155550100"] })
    }()

    private func tab(_ line: String) -> (line: String, listing: [String]) {
        let completion = engine.complete(line)
        let kept = String(String.UnicodeScalarView(line.unicodeScalars.dropLast(completion.replacing)))
        return (kept + completion.replacement, completion.alternatives.map { $0.joined(separator: "  ") })
    }

    @Test func numbersComeFromTheAccount() {
        #expect(tab("numbers show +1206").line == "numbers show +1206555010")
        #expect(tab("numbers show +1206").listing == ["+12065550100", "+12065550101"])
        #expect(tab("numbers show +14").line == "numbers show +14155550100 ")
        #expect(tab("numbers assign +1415").line == "numbers assign +14155550100 ")
    }

    @Test func routesAreOfferedByIdAndName() {
        #expect(tab("numbers assign +14155550100 Mont").listing == ["CRID-9a9a  Montreal  Trunk", "CRID-7e7e  Montreal  Forward"])
        #expect(tab("numbers assign +14155550100 Toronto\\ S").line == #"numbers assign +14155550100 "Toronto SIP trunk" "#)
        #expect(tab("numbers assign +14155550100 CRID-1b2c --failover Toronto\\ b").line
            == #"numbers assign +14155550100 CRID-1b2c --failover "Toronto backup" "#)
        #expect(tab("numbers list --route CRID-9").line == "numbers list --route CRID-9a9a ")
    }
}
