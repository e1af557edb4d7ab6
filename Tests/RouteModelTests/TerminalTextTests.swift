import RouteModel
import Testing

@Suite struct TerminalTextTests {
    @Test func controlCharactersBecomeVisible() {
        #expect(TerminalText.escaped("plain name") == "plain name")
        #expect(TerminalText.escaped("two\nlines\r\nand\rmore") == "two⏎lines⏎and⏎more")
        #expect(TerminalText.escaped("\u{1B}[31mred\u{1B}[0m") == #"\e[31mred\e[0m"#)
        #expect(TerminalText.escaped("a\tb\u{7}\u{0}\u{7F}\u{9B}c") == #"a\tb\x07\x00\x7f\x9bc"#)
        #expect(TerminalText.escaped("abc\u{202E}fed") == #"abc\u202efed"#)
        #expect(TerminalText.escaped("Montréal ☎") == "Montréal ☎")
    }

    @Test func messagesKeepTheirLines() {
        #expect(TerminalText.escaped("one\ntwo\r\n\u{1B}]52;c;x\u{7}", keepingLineBreaks: true) == "one\ntwo\n\\e]52;c;x\\x07")
    }
}
