/// Joins physical lines into the logical lines a script or the shell runs: a line ending in an
/// unescaped `\` continues on the next, and each logical line keeps the number of its first
/// physical line for error messages (`tour.rc:4: …`).
struct ScriptLines<Lines: IteratorProtocol<String>>: IteratorProtocol, Sequence {
    private var lines: Lines
    private var number = 0

    init(_ lines: Lines) {
        self.lines = lines
    }

    mutating func next() -> (number: Int, text: String)? {
        guard var text = lines.next() else { return nil }
        number += 1
        let first = number
        while Tokenizer.continues(text), let more = lines.next() {
            number += 1
            text = String(text.dropLast()) + more
        }
        if Tokenizer.continues(text) { text.removeLast() }
        return (first, text)
    }
}
