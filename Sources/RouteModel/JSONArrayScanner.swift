/// Finds the elements of one array member of a top-level JSON object in a stream of bytes, without
/// holding the document: in `{"AccountId": …, "Results": [{…}, {…}]}` it hands out each element of
/// `Results` as its own bytes as soon as it is complete, so a list of any length is read in the
/// memory of one route. It checks only the structure (brackets and strings); each element is then
/// parsed on its own. Like csv-core's reader, it never trusts the input for room: an element over
/// `maximumElementSize` is an error, not an allocation.
public struct JSONArrayScanner: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notAnObject
        case elementTooLarge(Int)
        case elementNotAnObject
        case unbalanced
        case textAfterDocument
        case incomplete
        case missingMember(String)
        case repeatedMember(String)
        case missingComma
        case tooDeep(Int)

        public var description: String {
            switch self {
            case .notAnObject: return "the answer is not a JSON object"
            case .elementTooLarge(let limit): return "an element of the list is over \(limit) bytes"
            case .elementNotAnObject: return "an element of the list is not an object"
            case .unbalanced: return "the answer's brackets do not match"
            case .textAfterDocument: return "there is text after the JSON document"
            case .incomplete: return "the answer ends before its JSON does"
            case .missingMember(let name): return "the answer has no \(name) array"
            case .repeatedMember(let name): return "the answer has more than one \(name) array"
            case .missingComma: return "two elements of the list have no comma between them"
            case .tooDeep(let limit): return "the answer nests more than \(limit) levels deep"
            }
        }
    }

    /// Deeper than any answer of the services, and deeper than an element may be parsed.
    public static let maximumDepth = 1024

    /// The member whose array is scanned, matched ignoring ASCII case.
    private let memberName: String
    private let member: [UInt8]
    private let maximumElementSize: Int
    /// The brackets open, innermost last: a `}` may close only a `{`.
    private var open: [UInt8] = []
    private var depth: Int { open.count }
    private var inString = false
    private var escaped = false
    /// The last string closed at depth 1 (its first 64 bytes), which a `:` makes the current key
    /// when it stood where a key goes. An escape in it makes it match no member: the name matched
    /// is plain ASCII, and `"Re\"sults"` is another key.
    private var lastString: [UInt8] = []
    /// At depth 1, after `{` or `,`: the next string is a key.
    private var expectingKey = false
    private var lastStringIsKey = false
    private var key: [UInt8]?
    private var inArray = false
    /// In the array, after an element and before its comma.
    private var afterElement = false
    private var found = false
    private var ended = false
    private var capturing = false
    private var element: [UInt8] = []

    public init(member: String, maximumElementSize: Int = 1 << 20) {
        memberName = member
        self.member = Array(member.lowercased().utf8)
        self.maximumElementSize = maximumElementSize
    }

    /// Scans `bytes`, calling `element` with each complete element's bytes.
    ///
    /// An element is copied a run at a time (from where it starts, or from the buffer's start, to
    /// where it ends or the buffer does), and a string inside an element is skipped to its next
    /// quote or backslash: only the top level's strings (the keys) are looked at byte by byte.
    public mutating func feed(
        _ bytes: UnsafeRawBufferPointer, element emit: ([UInt8]) throws -> Void
    ) throws {
        let count = bytes.count
        var index = 0
        /// Where the element being captured starts in `bytes`.
        var runStart = 0
        /// Appends the element's bytes in `bytes` up to `end`, within the size limit.
        func capture(upTo end: Int) throws {
            guard element.count + (end - runStart) <= maximumElementSize else { throw Failure.elementTooLarge(maximumElementSize) }
            element.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<end]))
        }
        while index < count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                    if depth == 1 && lastString.count < 64 { lastString.append(0xFF) }
                } else if byte == 0x22 {
                    inString = false
                } else if depth == 1 {
                    if lastString.count < 64 { lastString.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
                } else {
                    index += 1
                    while index < count, bytes[index] != 0x22, bytes[index] != 0x5C { index += 1 }
                    continue
                }
                index += 1
                continue
            }
            switch byte {
            case 0x22:
                if depth == 0 { throw ended ? Failure.textAfterDocument : Failure.notAnObject }
                if depth == 2 && inArray { throw Failure.elementNotAnObject }
                inString = true
                if depth == 1 {
                    lastString.removeAll(keepingCapacity: true)
                    lastStringIsKey = expectingKey
                    expectingKey = false
                }
            case 0x7B, 0x5B:  // { [
                guard !ended else { throw Failure.textAfterDocument }
                if depth == 0 && byte != 0x7B { throw Failure.notAnObject }
                guard depth < Self.maximumDepth else { throw Failure.tooDeep(Self.maximumDepth) }
                if depth == 0 {
                    expectingKey = true
                } else if depth == 1 && byte == 0x5B && key == member {
                    guard !found else { throw Failure.repeatedMember(memberName) }
                    inArray = true
                    found = true
                } else if depth == 2 && inArray {
                    guard byte == 0x7B else { throw Failure.elementNotAnObject }
                    guard !afterElement else { throw Failure.missingComma }
                    capturing = true
                    element.removeAll(keepingCapacity: true)
                    runStart = index
                }
                open.append(byte)
            case 0x7D, 0x5D:  // } ]
                guard let opened = open.popLast(), opened == byte - 2 else { throw Failure.unbalanced }
                if capturing && depth == 2 {
                    capturing = false
                    afterElement = true
                    try capture(upTo: index + 1)
                    try emit(element)
                } else if depth == 1 {
                    inArray = false
                    afterElement = false
                } else if depth == 0 {
                    ended = true
                }
            case 0x3A where depth == 1:  // :
                key = lastStringIsKey ? lastString : nil
            case 0x2C where depth == 1:  // ,
                key = nil
                expectingKey = true
            case 0x2C where depth == 2 && inArray:
                afterElement = false
            case 0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x3A:
                break
            default:
                if depth == 0 { throw ended ? Failure.textAfterDocument : Failure.notAnObject }
                if depth == 2 && inArray && !capturing { throw Failure.elementNotAnObject }
            }
            index += 1
        }
        if capturing { try capture(upTo: count) }
    }

    /// Called at the end of the stream: the document must be complete and have held the member.
    public func finish() throws {
        guard ended else { throw Failure.incomplete }
        guard found else { throw Failure.missingMember(memberName) }
    }
}
