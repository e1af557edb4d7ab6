/// The text of a string item (`<si>` or a cell's `<is>`): the characters of its `<t>` elements,
/// leaving out phonetic guides.
struct RichText {
    private(set) var value = ""
    private var inText = false
    private var phoneticDepth = 0

    mutating func start(_ name: Substring) {
        if name == "rPh" { phoneticDepth += 1 }
        if name == "t" && phoneticDepth == 0 { inText = true }
    }

    mutating func append(_ characters: String) {
        if inText { value += characters }
    }

    mutating func end(_ name: Substring) {
        if name == "rPh" { phoneticDepth -= 1 }
        if name == "t" { inText = false }
    }
}
