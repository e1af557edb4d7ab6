/// The CSV grammar as a resumable state machine over bytes.
///
/// The core knows nothing of files, buffers or strings: it is fed whatever bytes the caller has,
/// copies field contents (quotes removed, doubled quotes collapsed) into an output buffer, records
/// where each field ends, and stops at the end of each record or when the input runs out. Because
/// every state survives between calls, a record, a doubled quote or a CRLF may be split anywhere
/// across reads. Keeping I/O out of it keeps the hot loop to a few word operations per eight
/// bytes, with no allocation and no character decoding.
struct CSVCore {
    enum State: UInt8 {
        /// Between records: line breaks here are blank lines and are skipped.
        case startRecord
        /// After a CR between records: an LF here belongs to it.
        case startRecordAfterCR
        /// After a delimiter: the next byte decides whether the field is quoted.
        case startField
        case unquoted
        case quoted
        /// In a quoted field after a CR: an LF here is the same line break.
        case quotedAfterCR
        /// After a quote inside a quoted field: either the first of a doubled quote or the close.
        case quoteInQuoted
        /// Discarding the rest of a line after an oversized field, to resynchronise.
        case skipLine
    }

    /// A syntax problem in the record being read; the first one wins.
    struct Problem: Equatable {
        var kind: CSVError.Kind
        /// 1-based.
        var field: Int
        var line: Int
    }

    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    let delimiter: UInt8
    var state = State.startRecord
    /// The physical line of the next byte, 1-based.
    var line = 1
    /// The physical line where the record being read starts.
    private(set) var recordLine = 1
    private(set) var problem: Problem?
    /// The high bits of the bytes copied since the last `clearProblem()` (and perhaps of a few
    /// bytes after them): zero means the record is ASCII and needs no UTF-8 validation.
    private(set) var highBits: UInt64 = 0
    static let highMask: UInt64 = 0x8080_8080_8080_8080
    /// Records passed over by `parse(…skippingCleanRecordsOf:)`, for the owner to number and count.
    var skippedRecords = 0
    /// Bytes consumed before the current call, counted from where the owner says the input starts.
    var position = 0
    /// Where the record being read starts, in the same count: how a problem is found again in the file.
    private(set) var recordOffset = 0

    /// Why `parse` returned.
    enum Stop: Equatable {
        case recordEnded
        /// Every input byte was consumed.
        case inputUsed
        /// The output or the field ends have no room for what the next byte might yield: grow them
        /// and call again with the rest of the input.
        case outputFull
    }

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Starts a new record's bookkeeping; called by the owner once it has taken a record.
    mutating func clearProblem() {
        problem = nil
        highBits = 0
    }

    mutating func report(_ kind: CSVError.Kind, field: Int, line: Int) {
        if problem == nil { problem = Problem(kind: kind, field: field, line: line) }
    }

    /// Parses `input` until a record ends, the input is used up or the output is full.
    ///
    /// A byte of input never yields more than one byte of output or one field end, so the core
    /// looks at no more input than `output` and `ends` have room for (keeping one end for
    /// `finish`): every write below is in bounds whatever the caller passes, at the cost of one
    /// comparison per call, and a full buffer is a `.outputFull` return, as in rust-csv's csv-core.
    ///
    /// With `skippingCleanRecordsOf` set to a field count, a record that ends with that many fields,
    /// no problem and only ASCII bytes is not returned but counted in `skippedRecords`, and parsing
    /// goes on in place: counting a file then costs no call and no record per row.
    /// - Returns: how many input bytes were consumed, and why it stopped.
    mutating func parse(
        _ input: UnsafeRawBufferPointer,
        output outputBuffer: UnsafeMutableBufferPointer<UInt8>, outputCount: inout Int,
        ends endBuffer: UnsafeMutableBufferPointer<Int>, endCount: inout Int,
        skippingCleanRecordsOf cleanFieldCount: Int = -1
    ) -> (consumed: Int, stop: Stop) {
        guard let base = input.baseAddress, input.count > 0 else { return (0, .inputUsed) }
        // Invariant from here on: o + (count - i) <= output capacity and e + (count - i) < ends
        // capacity. Each step consumes at least as many bytes as it writes, and passing over a
        // record only lowers o and e.
        let count = min(input.count, outputBuffer.count - outputCount, endBuffer.count - endCount - 1)
        guard count > 0, let output = outputBuffer.baseAddress, let ends = endBuffer.baseAddress else {
            return (0, .outputFull)
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let delimiter = self.delimiter
        let quote = Self.quote, cr = Self.cr, lf = Self.lf
        var i = 0
        var o = outputCount
        var e = endCount
        var state = self.state
        var line = self.line
        var recordEnded = false
        var highBits = self.highBits
        let unquotedSpecials = ByteSet(delimiter, quote, cr, lf)
        let quotedSpecials = ByteSet(quote, cr, lf, quote)

        scan: while i < count {
            switch state {
            case .startRecord:
                let byte = bytes[i]
                if byte == lf {
                    line &+= 1
                    i &+= 1
                } else if byte == cr {
                    line &+= 1
                    i &+= 1
                    state = .startRecordAfterCR
                } else {
                    recordLine = line
                    recordOffset = position &+ i
                    state = .startField
                }

            case .startRecordAfterCR:
                if bytes[i] == lf { i &+= 1 }
                state = .startRecord

            case .startField:
                if bytes[i] == quote {
                    i &+= 1
                    state = .quoted
                } else {
                    state = .unquoted
                }

            case .unquoted:
                // Consecutive unquoted fields stay in this loop, without a trip through the switch.
                while true {
                    Self.copyRun(bytes, count, &i, output, &o, &highBits, until: unquotedSpecials)
                    if i == count { break scan }
                    let byte = bytes[i]
                    i &+= 1
                    if byte == delimiter {
                        ends[e] = o
                        e &+= 1
                        if i < count && bytes[i] != quote { continue }
                        state = .startField
                        continue scan
                    }
                    if byte == quote {
                        report(.strayQuote, field: e + 1, line: line)
                        output[o] = byte
                        o &+= 1
                        continue
                    }
                    ends[e] = o
                    e &+= 1
                    line &+= 1
                    state = byte == cr ? .startRecordAfterCR : .startRecord
                    if e == cleanFieldCount && problem == nil && highBits & Self.highMask == 0 {
                        skippedRecords &+= 1
                        o = 0
                        e = 0
                        continue scan
                    }
                    recordEnded = true
                    break scan
                }

            case .quoted:
                Self.copyRun(bytes, count, &i, output, &o, &highBits, until: quotedSpecials)
                if i == count { break scan }
                let byte = bytes[i]
                i &+= 1
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    output[o] = byte
                    o &+= 1
                    line &+= 1
                    if byte == cr { state = .quotedAfterCR }
                }

            case .quotedAfterCR:
                if bytes[i] == lf {
                    output[o] = lf
                    o &+= 1
                    i &+= 1
                }
                state = .quoted

            case .quoteInQuoted:
                let byte = bytes[i]
                if byte == quote {
                    output[o] = quote
                    o &+= 1
                    i &+= 1
                    state = .quoted
                } else if byte == delimiter {
                    i &+= 1
                    ends[e] = o
                    e &+= 1
                    state = .startField
                } else if byte == cr || byte == lf {
                    i &+= 1
                    ends[e] = o
                    e &+= 1
                    line &+= 1
                    state = byte == cr ? .startRecordAfterCR : .startRecord
                    if e == cleanFieldCount && problem == nil && highBits & Self.highMask == 0 {
                        skippedRecords &+= 1
                        o = 0
                        e = 0
                        continue scan
                    }
                    recordEnded = true
                    break scan
                } else {
                    // Text after the closing quote: keep it, as an unquoted continuation.
                    report(.strayQuote, field: e + 1, line: line)
                    state = .unquoted
                }

            case .skipLine:
                let byte = bytes[i]
                i &+= 1
                if byte == lf {
                    line &+= 1
                    state = .startRecord
                } else if byte == cr {
                    line &+= 1
                    state = .startRecordAfterCR
                }
            }
        }

        self.state = state
        self.line = line
        self.highBits = highBits
        position &+= i
        outputCount = o
        endCount = e
        return (i, recordEnded ? .recordEnded : i < input.count ? .outputFull : .inputUsed)
    }

    /// Copies bytes from `input[i...]` to `output[o...]` up to the first byte of `stops` or the
    /// end, eight at a time while eight remain. Copying a whole word past the stop is safe: by the
    /// invariant in `parse` the output has room for every remaining input byte, and the extra
    /// bytes are overwritten later.
    @inline(__always)
    private static func copyRun(
        _ input: UnsafePointer<UInt8>, _ count: Int, _ i: inout Int,
        _ output: UnsafeMutablePointer<UInt8>, _ o: inout Int, _ highBits: inout UInt64, until stops: ByteSet
    ) {
        while i + 8 <= count {
            let word = UnsafeRawPointer(input + i).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(output + o).storeBytes(of: word, as: UInt64.self)
            highBits |= word
            let found = stops.find(in: word)
            if found != 0 {
                let length = found.trailingZeroBitCount &>> 3
                i &+= length
                o &+= length
                return
            }
            i &+= 8
            o &+= 8
        }
        while i < count {
            let byte = input[i]
            if stops.contains(byte) { return }
            highBits |= UInt64(byte)
            output[o] = byte
            o &+= 1
            i &+= 1
        }
    }

    /// Ends the record in progress when the input is exhausted.
    /// - Returns: `.recordEnded`, `.inputUsed` when no record was open, or `.outputFull` when
    ///   `ends` has no room for the last field's end.
    mutating func finish(outputCount: Int, ends: UnsafeMutableBufferPointer<Int>, endCount: inout Int) -> Stop {
        switch state {
        case .startRecord, .startRecordAfterCR, .skipLine:
            state = .startRecord
            return .inputUsed
        case .quoted, .quotedAfterCR, .startField, .unquoted, .quoteInQuoted:
            break
        }
        guard endCount < ends.count else { return .outputFull }
        if state == .quoted || state == .quotedAfterCR {
            report(.unterminatedQuote, field: endCount + 1, line: recordLine)
        }
        state = .startRecord
        ends[endCount] = outputCount
        endCount += 1
        return .recordEnded
    }
}

/// Up to four bytes to look for, eight input bytes at a time (SWAR: SIMD within a register).
/// Words are loaded little-endian, as on every platform Swift runs on.
struct ByteSet {
    private let a: UInt64, b: UInt64, c: UInt64, d: UInt64
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.a = UInt64(a) &* Self.ones
        self.b = UInt64(b) &* Self.ones
        self.c = UInt64(c) &* Self.ones
        self.d = UInt64(d) &* Self.ones
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word = UInt64(byte) &* Self.ones
        return word == a || word == b || word == c || word == d
    }

    /// A word whose lowest set bit is the high bit of the first matching byte (little-endian
    /// order), or 0 when no byte matches. Bits above the first match may be spurious.
    @inline(__always)
    func find(in word: UInt64) -> UInt64 {
        Self.zeroBytes(word ^ a) | Self.zeroBytes(word ^ b) | Self.zeroBytes(word ^ c) | Self.zeroBytes(word ^ d)
    }

    @inline(__always)
    private static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- ones) & ~v & highs
    }
}
