import Foundation

/// File names for completion: the entries of the directory named so far in `typed` that start
/// with what follows its last `/`, directories marked with a trailing `/`. Dot files are only
/// offered once a dot is typed, as shells do.
public func pathCandidates(for typed: String) -> [String] {
    let slash = typed.lastIndex(of: "/")
    let directoryPart = slash.map { String(typed[...$0]) } ?? ""
    let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let directory = directoryPart.isEmpty ? "." : directoryPart
    let files = FileManager.default
    guard let names = try? files.contentsOfDirectory(atPath: directory) else { return [] }
    return names
        .filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
        .sorted()
        .map { name in
            var isDirectory: ObjCBool = false
            _ = files.fileExists(atPath: directoryPart + name, isDirectory: &isDirectory)
            return directoryPart + name + (isDirectory.boolValue ? "/" : "")
        }
}
