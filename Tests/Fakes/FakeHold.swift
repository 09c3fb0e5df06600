/// How long a fake holds back one answer: a fixed delay, a gate the test releases, or both.
struct FakeHold: Sendable {
    var delay: Duration = .zero
    var gate: FakeGate?

    /// Waits as asked; call it without the fake's lock held.
    func wait() async {
        await gate?.hold()
        if delay > .zero { try? await Task.sleep(for: delay) }
    }
}
