import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `$XDG_CONFIG_HOME/routectl/config.json` (`~/.config/…` by default). The file holds account
/// secrets, so it is written with mode 0600, atomically, and never readable by others even briefly.
public struct ProfileStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The store the XDG base directory rules give for `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let configHome: URL
        if let path = environment["XDG_CONFIG_HOME"], path.hasPrefix("/") {
            configHome = URL(fileURLWithPath: path, isDirectory: true)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            configHome = home.appendingPathComponent(".config", isDirectory: true)
        }
        self.init(url: configHome.appendingPathComponent("routectl/config.json"))
    }

    /// The saved configuration; empty when the file does not exist yet.
    public func load() throws(ProfileStoreError) -> ProfileConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { return ProfileConfig() }
        do {
            return try JSONDecoder().decode(ProfileConfig.self, from: Data(contentsOf: url))
        } catch {
            throw ProfileStoreError(path: url.path, reason: "cannot be read: \(error.localizedDescription)")
        }
    }

    public func save(_ config: ProfileConfig) throws(ProfileStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".config.json.\(getpid())").path
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let data = try encoder.encode(config) + Data("\n".utf8)
            try Self.writePrivately(data, to: temporary)
        } catch {
            throw ProfileStoreError(path: url.path, reason: "cannot be written: \(error.localizedDescription)")
        }
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ProfileStoreError(path: url.path, reason: "cannot be written: \(reason)")
        }
    }

    /// Creates the file with mode 0600 from the start, so no other user can ever open it.
    private static func writePrivately(_ data: Data, to path: String) throws {
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}

public struct ProfileStoreError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path) \(reason)" }
}
