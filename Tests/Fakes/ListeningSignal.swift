import Foundation

/// A one-shot hand-off of the port a server ended up listening on, or of the error that
/// stopped it first. The first outcome wins; later ones are ignored.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
final class ListeningSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<Int, any Error>?
    private var waiter: CheckedContinuation<Int, any Error>?

    func succeed(port: Int) { complete(.success(port)) }

    func fail(_ error: any Error) { complete(.failure(error)) }

    /// Waits for the outcome.
    func port() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, any Error>? = lock.withLock {
                if let outcome { return outcome }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    private func complete(_ result: Result<Int, any Error>) {
        let waiting: CheckedContinuation<Int, any Error>?? = lock.withLock {
            guard outcome == nil else { return .none }
            outcome = result
            defer { waiter = nil }
            return .some(waiter)
        }
        if case .some(.some(let continuation)) = waiting { continuation.resume(with: result) }
    }
}
