import Foundation
import PatchbayWire

/// The secret values of a worker's calls, kept on the host side to mask whatever the worker
/// writes to its log: the worker itself never receives them.
///
/// A plugin may print a secret at any moment of its call, and the line can reach the host
/// after the call's completion frame, so the secrets of the last few finished calls are kept too.
// Unchecked: `inFlight` and `finished` are only read and written under `lock`.
final class CallSecrets: @unchecked Sendable {
    private static let keepFinished = 64

    private let lock = NSLock()
    private var inFlight: [UInt64: [String]] = [:]
    private var finished: [[String]] = []

    func begin(_ requestID: UInt64, secrets: [String]) {
        guard !secrets.isEmpty else { return }
        lock.withLock { inFlight[requestID] = secrets }
    }

    func end(_ requestID: UInt64) {
        lock.withLock {
            guard let secrets = inFlight.removeValue(forKey: requestID) else { return }
            finished.append(secrets)
            if finished.count > Self.keepFinished { finished.removeFirst() }
        }
    }

    /// The line with every secret of the calls in flight and of the recent ones masked.
    func redact(_ line: String) -> String {
        let secrets: [String] = lock.withLock { inFlight.values.flatMap { $0 } + finished.flatMap { $0 } }
        return secrets.isEmpty ? line : Redaction.redact(line, secrets: secrets)
    }
}
