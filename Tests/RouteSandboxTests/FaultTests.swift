import AsyncHTTPClient
import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Each fault mode with a fixed seed.
@Suite struct FaultTests {
    @Test func theRateLimitAnswers429WithRetryAfter() async throws {
        let harness = try await SandboxHarness.start { $0.rateLimit = 3 }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        // A burst far over the limit, so that some are refused however slowly the machine runs.
        let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
            for _ in 0..<20 { group.addTask { try await harness.telegent(.GET, "/account/voice/routes", token: token) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let statuses = answers.map(\.status)
        let retryAfter = answers.filter { $0.status == 429 }.flatMap { $0.headers["Retry-After"] }
        #expect(statuses.filter { $0 == 200 }.count >= 3)
        #expect(statuses.contains(429))
        #expect(Set(statuses).isSubset(of: [200, 429]))
        #expect(!retryAfter.isEmpty && retryAfter.allSatisfy { (Int($0) ?? 0) >= 1 })
        // The limit is per account: another account is not slowed down.
        let other = try await harness.token(SandboxHarness.otherAccount)
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: other).status == 200)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: token).status == 200)
    }

    @Test func failuresAre500Or503AndChangeNothing() async throws {
        let directory = try temporaryDirectory()
        let database = directory.appendingPathComponent("faults.sqlite").path
        let harness = try await SandboxHarness.start {
            $0.database = database
            $0.faults.failRate = 0.5
            $0.seed = 42
        }
        let token = try await harness.token()
        var created = 0
        var statuses: Set<Int> = []
        for index in 0..<30 {
            let answer = try await harness.telegent(.POST, "/voice/routes", body: SandboxHarness.trunk("r\(index)"), token: token)
            statuses.insert(answer.status)
            if answer.status == 200 { created += 1 }
            if answer.status == 503 { #expect(answer.headers["Retry-After"] == ["1"]) }
        }
        await harness.stop()
        #expect(statuses == [200, 500, 503])

        let calm = try await SandboxHarness.start { $0.database = database }
        defer { Task { await calm.stop() } }
        let list = try await calm.telegent(.GET, "/account/voice/routes", token: try await calm.token())
        #expect(list.json?["TotalRoutes"] == .int(created))
    }

    @Test func theSameSeedGivesTheSameFaults() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            let harness = try await SandboxHarness.start {
                $0.faults.failRate = 0.3
                $0.seed = seed
            }
            defer { Task { await harness.stop() } }
            let token = try await harness.token()
            var statuses: [Int] = []
            for _ in 0..<20 { statuses.append(try await harness.telegent(.GET, "/account/voice/routes", token: token).status) }
            return statuses
        }
        let first = try await statuses(seed: 7)
        #expect(try await statuses(seed: 7) == first)
        #expect(Set(first).count > 1)
    }

    @Test func ambiguousWritesAreCommittedThenDroppedOr504() async throws {
        let harness = try await SandboxHarness.start {
            $0.faults.ambiguousRate = 1
            $0.seed = 3
        }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        var outcomes: [String] = []
        for index in 0..<10 {
            do {
                let answer = try await harness.telegent(.POST, "/voice/routes", body: SandboxHarness.trunk("r\(index)"), token: token)
                outcomes.append(String(answer.status))
            } catch {
                outcomes.append("dropped")
            }
        }
        #expect(Set(outcomes) == ["504", "dropped"], "\(outcomes)")
        // Reads are never ambiguous, and every write happened.
        let list = try await harness.telegent(.GET, "/account/voice/routes", token: token)
        #expect(list.status == 200)
        #expect(list.json?["TotalRoutes"] == .int(10))
    }

    @Test func latencyIsAddedToEveryRequest() async throws {
        let harness = try await SandboxHarness.start { $0.latency = .milliseconds(150) }
        defer { Task { await harness.stop() } }
        let start = ContinuousClock.now
        _ = try await harness.send(.GET, "/v2/routes", headers: [harness.basic()])
        #expect(ContinuousClock.now - start >= .milliseconds(150))
    }

    /// A dropped connection is an answer too: it comes no sooner than the latency.
    @Test func latencyHoldsADroppedConnection() async throws {
        let harness = try await SandboxHarness.start {
            $0.latency = .milliseconds(150)
            $0.faults.ambiguousRate = 1
            $0.seed = 3
        }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        var dropped = 0
        for index in 0..<6 {
            let start = ContinuousClock.now
            do {
                _ = try await harness.telegent(.POST, "/voice/routes", body: SandboxHarness.trunk("held\(index)"), token: token)
            } catch {
                dropped += 1
            }
            #expect(ContinuousClock.now - start >= .milliseconds(150))
        }
        #expect(dropped > 0)
    }
}
