import AsyncHTTPClient
import NIOCore

// ClientFloor URL TOKEN N C: N creates of a one-route JSON body, C at a time, on one client
// with a pool of C connections, as routectl import sends them; nothing else.
let arguments = CommandLine.arguments
guard arguments.count == 5, let total = Int(arguments[3]), let concurrency = Int(arguments[4]) else {
    fatalError("usage: ClientFloor URL TOKEN N C")
}
let (url, token) = (arguments[1], arguments[2])
var configuration = HTTPClient.Configuration()
configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<concurrency {
        group.addTask {
            for index in stride(from: worker, to: total, by: concurrency) {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer " + token)
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: #"{"RouteName":"floor-\#(index)","RouteType":"Trunk","TrunkIp1":"10.0.0.1","TrunkPort1":"5061","TrunkTransport1":"UDP"}"#))
                let response = try! await client.execute(request, timeout: .seconds(30))
                _ = try! await response.body.collect(upTo: 1 << 20)
            }
        }
    }
}
try await client.shutdown()
