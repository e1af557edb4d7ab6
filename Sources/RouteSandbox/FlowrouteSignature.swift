import Crypto
import Foundation

/// Flowroute v1's request signature: hex HMAC-SHA1, keyed with the secret key, over
/// `timestamp \n METHOD \n md5hex(body) \n scheme://host/path \n sorted query`, where an empty
/// body hashes to the empty string.
enum FlowrouteSignature {
    static func sign(secret: String, timestamp: String, method: String, body: some Sequence<UInt8>, url: String, query: String) -> String {
        let bytes = Array(body)
        let bodyHash = bytes.isEmpty ? "" : Hex.encode(Insecure.MD5.hash(data: bytes))
        let message = [timestamp, method, bodyHash, url, query].joined(separator: "\n")
        return Hex.encode(HMAC<Insecure.SHA1>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array(secret.utf8))))
    }

    /// The URL parts a client may have signed for a request that reached us as `authority` and
    /// `path`: either scheme (a proxy may terminate TLS), with or without the port (SDKs differ).
    static func urlCandidates(authority: String, path: String) -> [String] {
        var hosts = [authority]
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            hosts.append(String(authority[..<colon]))
        }
        return ["http", "https"].flatMap { scheme in hosts.map { "\(scheme)://\($0)\(path)" } }
    }

    /// The query as signed: parameters sorted by name (as the SDKs send it), or exactly as sent.
    static func queryCandidates(_ query: String?) -> [String] {
        guard let query, !query.isEmpty else { return [""] }
        let sorted = query.split(separator: "&").sorted { lhs, rhs in
            let left = lhs.split(separator: "=", maxSplits: 1).first ?? ""
            let right = rhs.split(separator: "=", maxSplits: 1).first ?? ""
            return left == right ? lhs < rhs : left < right
        }.joined(separator: "&")
        return sorted == query ? [query] : [sorted, query]
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC, as the `X-Timestamp` header carries it.
    static func parseTimestamp(_ text: String) -> Date? {
        let pieces = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" }).compactMap { Int($0) }
        guard pieces.count == 6 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(
            year: pieces[0], month: pieces[1], day: pieces[2], hour: pieces[3], minute: pieces[4], second: pieces[5]))
    }
}
