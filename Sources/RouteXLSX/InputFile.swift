import RouteCSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens an input of routes the way `import` and `csv inspect` take it: an `.xlsx` workbook by
/// its name or its content (a ZIP archive), any other file as CSV.
public enum InputFile {
    /// Whether `path` is read as a workbook.
    public static func isWorkbook(_ path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return true }
        return startsWith(path, [0x50, 0x4B, 0x03, 0x04])
    }

    /// - Parameters:
    ///   - options: for a CSV file; a workbook has no delimiter and is always Unicode.
    ///   - sheet: for a workbook; naming one for a CSV file is an error.
    public static func reader(_ path: String, options: CSVReader.Options, sheet: String?) throws(CSVFileError) -> any RecordReader {
        if isWorkbook(path) {
            return try XLSXReader(path: path, sheet: sheet)
        }
        if startsWith(path, [0xD0, 0xCF, 0x11, 0xE0]) {
            throw CSVFileError("read", path: path, reason: "an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV")
        }
        if sheet != nil {
            throw CSVFileError("read", path: path, reason: "--sheet is for .xlsx workbooks, and this is read as CSV")
        }
        return try CSVReader(path: path, options: options)
    }

    private static func startsWith(_ path: String, _ magic: [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: magic.count)
        return read(fd, &bytes, magic.count) == magic.count && bytes == magic
    }
}
