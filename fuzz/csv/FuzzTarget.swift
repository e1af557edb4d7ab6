// libFuzzer entry point for the CSV reader and writer, compiled together with Sources/RouteCSV.
//
// Each input is read twice, with the first byte choosing a small chunk size: the records must
// not depend on where reads end. The records are then written and read back: what the writer
// produced must come back exactly.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let chunkSize = Int(data[0] % 16) + 1
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let delimiter: Unicode.Scalar = data[0] & 0x80 == 0 ? "," : ";"

    let whole = records(in: input, chunkSize: 1 << 16, delimiter: delimiter, maxFieldSize: 64)
    let chunked = records(in: input, chunkSize: chunkSize, delimiter: delimiter, maxFieldSize: 64)
    precondition(whole.map(\.fields) == chunked.map(\.fields), "records depend on the chunk size")
    precondition(whole.map(\.line) == chunked.map(\.line), "lines depend on the chunk size")
    precondition(whole.map(\.error) == chunked.map(\.error), "errors depend on the chunk size")

    // Counting passes over clean records inside the parser; it must see the same records.
    let (count, reported) = counted(in: input, chunkSize: chunkSize, delimiter: delimiter)
    precondition(count == max(whole.count - 1, 0), "count differs from the records read")
    precondition(reported.map(\.fields) == whole.filter { $0.error != nil }.map(\.fields), "count reports other errors")
    precondition(reported.map(\.error) == whole.filter { $0.error != nil }.map(\.error), "count reports other errors")

    // The writer's output of well-formed records must round trip exactly.
    let fields = whole.filter { $0.error == nil }.map(\.fields)
    let written = write(fields, delimiter: delimiter)
    let reread = records(in: written, chunkSize: chunkSize, delimiter: delimiter, maxFieldSize: 1 << 20)
    precondition(reread.map(\.fields) == fields, "round trip changed the records")
    precondition(reread.allSatisfy { $0.error == nil || isFieldCount($0.error!) }, "written records read with errors")
    return 0
}

private func isFieldCount(_ error: CSVError) -> Bool {
    if case .fieldCount = error.kind { return true }
    return false
}

private struct Seen {
    var fields: [[UInt8]]
    var line: Int
    var error: CSVError?

    init(_ record: CSVRecord) {
        fields = record.indices.map { index in record.withField(index) { Array($0) } }
        line = record.line
        error = record.error
    }
}

private func records(in bytes: [UInt8], chunkSize: Int, delimiter: Unicode.Scalar, maxFieldSize: Int) -> [Seen] {
    withReader(of: bytes, chunkSize: chunkSize, delimiter: delimiter, maxFieldSize: maxFieldSize) { reader in
        var seen: [Seen] = []
        while let record = try! reader.next() { seen.append(Seen(record)) }
        return seen
    }
}

private func counted(in bytes: [UInt8], chunkSize: Int, delimiter: Unicode.Scalar) -> (Int, [Seen]) {
    withReader(of: bytes, chunkSize: chunkSize, delimiter: delimiter, maxFieldSize: 64) { reader in
        var reported: [Seen] = []
        let count = try! reader.countRecords { reported.append(Seen($0)) }
        return (count, reported)
    }
}

private func withReader<Result>(
    of bytes: [UInt8], chunkSize: Int, delimiter: Unicode.Scalar, maxFieldSize: Int, _ body: (CSVReader) -> Result
) -> Result {
    var fds: [Int32] = [0, 0]
    precondition(pipe(&fds) == 0)
    // Small inputs fit in the pipe buffer; writing before reading keeps this single-threaded.
    precondition(bytes.count < 60_000)
    bytes.withUnsafeBytes { _ = write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    defer { close(fds[0]) }
    return body(CSVReader(fileDescriptor: fds[0], options: .init(delimiter: delimiter, maxFieldSize: maxFieldSize, chunkSize: chunkSize)))
}

private func write(_ records: [[[UInt8]]], delimiter: Unicode.Scalar) -> [UInt8] {
    var fds: [Int32] = [0, 0]
    precondition(pipe(&fds) == 0)
    let writer = CSVWriter(fileDescriptor: fds[1], options: .init(delimiter: delimiter))
    for record in records {
        try! writer.write(record.map { String(decoding: $0, as: UTF8.self) })
    }
    try! writer.flush()
    close(fds[1])
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        if n <= 0 { break }
        output += buffer[0..<n]
    }
    close(fds[0])
    return output
}
