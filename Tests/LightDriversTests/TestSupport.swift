/// Waits until `condition` holds, checking every 10 ms, for at most `deadline` (generous: the
/// machines are shared, and the tests assert behaviour, not speed). Returns the last answer.
func eventually(within deadline: Duration = .seconds(15), _ condition: () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + deadline
    while clock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
