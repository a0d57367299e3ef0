import LightDrivers
import Testing

@Suite struct BackoffTests {
    @Test func lightwaveRetryScheduleDoublesFrom125msAndGivesUpAfter5s() {
        var backoff = Backoff(initial: .milliseconds(125), maximum: .seconds(5), giveUpAfter: .seconds(5))
        var delays: [Duration] = []
        while let d = backoff.next() { delays.append(d) }
        #expect(delays == [125, 250, 500, 1000, 2000].map { .milliseconds($0) })
        backoff.reset()
        #expect(backoff.next() == .milliseconds(125))
    }

    @Test func reconnectBackoffIsCappedAndNeverGivesUp() {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2))
        var last: Duration = .zero
        for _ in 0..<50 { last = backoff.next() ?? .zero }
        #expect(last == .seconds(2))
    }
}
