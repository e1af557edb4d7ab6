import Foundation
import Testing
@testable import RouteClient

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsUpToTheCapWithFullJitter() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for attempt in 1...10 {
            let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
            for _ in 0..<50 {
                let delay = policy.delay(attempt: attempt, retryAfter: nil)
                #expect(delay >= .zero && delay <= ceiling)
            }
        }
    }

    @Test func retryAfterWinsOverBackoff() {
        #expect(RetryPolicy().delay(attempt: 1, retryAfter: .seconds(7)) == .seconds(7))
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        #expect(RetryPolicy.retryAfter("120") == .seconds(120))
        let now = Date(timeIntervalSince1970: 784_111_767)  // Sun, 06 Nov 1994 08:49:27 GMT
        #expect(RetryPolicy.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.retryAfter("soon") == nil)
    }

    @Test func secretsAreMasked() {
        #expect(Secret.mask("s3cret") == "••••••")
        #expect(!Secret.mask("a-long-secret-value").contains("secret"))
        let endpoint = Endpoint(dialect: .telegent, baseURL: "https://api.telegent.com/v1.0/", accountKey: "DID-1", accountSecret: "s3cret")
        #expect(endpoint.baseURL == "https://api.telegent.com/v1.0")
        #expect(!endpoint.description.contains("s3cret"))
    }
}
