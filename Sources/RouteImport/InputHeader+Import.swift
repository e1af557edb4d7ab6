import RouteCSV
import RouteXLSX

/// An import's input, opened as `import` and `numbers import` both open it.
extension InputHeader {
    /// The file read with the options' delimiter, encoding and sheet, and its header; an empty
    /// file, or one whose header cannot be read, is refused naming the file.
    static func opening(_ path: String, options: ImportOptions) throws(ImportError) -> (opened: InputHeader, header: [String]) {
        let opened: InputHeader
        do throws(CSVFileError) {
            opened = try InputHeader(
                path: path, options: CSVReader.Options(delimiter: Unicode.Scalar(options.delimiter ?? UInt8(ascii: ",")),
                                                       encoding: options.encoding),
                delimiterGiven: options.delimiter != nil, sheet: options.sheet)
        } catch {
            throw .file(error.description)
        }
        guard let headerRecord = opened.header else { throw .emptyFile(path) }
        if let error = headerRecord.error { throw .file("\(path): header: \(error)") }
        return (opened, Array(headerRecord))
    }

    /// Said once about the whole input after reading it: a delimiter found, or that it is not UTF-8.
    var notices: String? {
        let notices = [notice, reader.notice].compactMap { $0 }
        return notices.isEmpty ? nil : notices.joined(separator: "\n")
    }

    /// Data records in a CSV file, for the progress line: a fast pass that decodes nothing. A
    /// workbook is not counted (its progress line shows no total): that would parse the whole
    /// sheet a second time.
    func countRecords(path: String) -> Int? {
        if reader is XLSXReader { return nil }
        guard let reader = try? InputFile.reader(path, options: options, sheet: nil) else { return nil }
        return try? reader.countRecords(reportingErrors: { _ in })
    }
}
