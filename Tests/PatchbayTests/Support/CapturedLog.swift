import Foundation
import Logging

/// A log handler that keeps every line, for tests that check what reached the host log.
/// Unchecked because `lock` guards `lines`, which the compiler cannot see; `metadata` and
/// `logLevel` are what `LogHandler` requires as settable, and are set before the logger is used.
final class CapturedLog: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.withLock { lines.append("\(event.level) \(event.message) \(fields)") }
    }

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    var logger: Logger { Logger(label: "captured") { _ in self } }
}
