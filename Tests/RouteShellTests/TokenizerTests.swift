import Testing
@testable import RouteShell

@Suite struct TokenizerTests {
    @Test func splitsOnBlanks() throws {
        #expect(try Tokenizer.split("routes  create\tRouteName=a ") == ["routes", "create", "RouteName=a"])
    }

    @Test func quotesAndEscapes() throws {
        #expect(try Tokenizer.split(#"a 'b c' "d \"e\" $f" g\ h 'i\j'"#) == ["a", "b c", #"d "e" $f"#, "g h", #"i\j"#])
        #expect(try Tokenizer.split(#"RouteName="Main trunk" x''"#) == ["RouteName=Main trunk", "x"])
        #expect(try Tokenizer.split("''") == [""])
    }

    @Test func keepsNumbersAndSymbolsAsText() throws {
        #expect(try Tokenizer.split("Number=+0044 Price=$5") == ["Number=+0044", "Price=$5"])
    }

    @Test func commentsStartAWord() throws {
        #expect(try Tokenizer.split("routes list # all of them") == ["routes", "list"])
        #expect(try Tokenizer.split("# only a comment").isEmpty)
        #expect(try Tokenizer.split("a#b '#c'") == ["a#b", "#c"])
    }

    @Test func expandsKnownVariables() throws {
        let variables: [String: String?] = ["last": "CRID-42"]
        #expect(try Tokenizer.split(#"routes show $last "$last" '$last'"#, variables: variables)
            == ["routes", "show", "CRID-42", "CRID-42", "$last"])
        let unset: String? = nil
        #expect(throws: Tokenizer.Failure.unsetVariable("last")) {
            try Tokenizer.split("routes show $last", variables: ["last": unset])
        }
    }

    @Test func reportsAnOpenQuote() {
        #expect(throws: Tokenizer.Failure.unterminatedQuote("\"")) { try Tokenizer.split(#"a "b"#) }
    }

    @Test func backslashAtTheEndContinues() {
        #expect(Tokenizer.continues(#"routes create \"#))
        #expect(!Tokenizer.continues(#"a \\"#))
        #expect(!Tokenizer.continues("a"))
    }

    @Test func partialWordsForgiveAnOpenQuoteAndKnowWhereWordsStart() {
        let words = Tokenizer.partialWords(#"routes show "CRID"#)
        #expect(words.map(\.text) == ["routes", "show", "CRID"])
        #expect(words.map(\.start) == [0, 7, 12])
        #expect(words.map(\.isOpen) == [false, false, true])
        #expect(Tokenizer.partialWords("routes ").last?.isOpen == false)
    }

    @Test func joinsContinuedScriptLines() {
        let lines = ["routes create \\", "  RouteName=a", "", "# done", "x \\"]
        let joined = Array(ScriptLines(lines.makeIterator()))
        #expect(joined.map(\.number) == [1, 3, 4, 5])
        #expect(joined.map(\.text) == ["routes create   RouteName=a", "", "# done", "x "])
    }
}
