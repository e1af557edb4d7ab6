import Crypto
import Foundation

/// Flowroute v1's request signature: HTTP Basic with the access key as user and, as password,
/// the hex HMAC-SHA1 (keyed with the secret) of
/// `timestamp \n METHOD \n md5hex(body) \n scheme://host/path \n sorted query`,
/// the timestamp also sent as `X-Timestamp`. An empty body's md5 part is the empty string, and the
/// URL part has no port, as Flowroute's SDKs build it.
struct FlowrouteV1Signature {
    var accessKey: String
    var secretKey: String

    /// `Authorization` and `X-Timestamp` for a request signed at `date`.
    func headers(method: String, url: String, body: [UInt8]?, date: Date) -> [(String, String)] {
        let timestamp = Self.timestamp(date)
        let password = Self.password(secretKey: secretKey, message: Self.message(timestamp: timestamp, method: method, url: url, body: body))
        let credentials = Data("\(accessKey):\(password)".utf8).base64EncodedString()
        return [("Authorization", "Basic " + credentials), ("X-Timestamp", timestamp)]
    }

    static func message(timestamp: String, method: String, url: String, body: [UInt8]?) -> String {
        let digest = body.map { $0.isEmpty ? "" : hex(Insecure.MD5.hash(data: $0)) } ?? ""
        let (address, query) = split(url)
        return [timestamp, method.uppercased(), digest, address, query].joined(separator: "\n")
    }

    static func password(secretKey: String, message: String) -> String {
        hex(HMAC<Insecure.SHA1>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(secretKey.utf8))))
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC, no zone suffix.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ number: Int?) -> String { String(format: "%02d", number ?? 0) }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// `scheme://host/path` without port, and the query's parameters sorted by name.
    private static func split(_ url: String) -> (address: String, query: String) {
        guard let components = URLComponents(string: url) else { return (url, "") }
        let address = "\(components.scheme ?? "https")://\(components.host ?? "")\(components.percentEncodedPath)"
        let parameters = (components.percentEncodedQuery ?? "")
            .split(separator: "&")
            .map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return (address, parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
