import Foundation
import Logging
import PatchbayClock
import PostgresNIO

/// One connection, outside the store's pool, that LISTENs on a channel for as long as `run`
/// runs and hands each message to `received`. A pooled connection would be held forever and
/// could not say when it dropped.
///
/// Every `checkInterval` it runs `SELECT 1`: a connection that does not answer within the
/// URL's `connect_timeout` (a server that hangs, a network that dropped it without a word)
/// counts as dropped, and the traffic keeps middleboxes from forgetting an idle connection.
/// When the connection drops it is opened again, after a backoff that doubles from 100 ms to
/// 5 s (with jitter, so replicas do not all return at once). Each time it listens, the first
/// time included, `listened` is called: whatever was sent while nobody listened is lost, and
/// the caller wakes its listeners to look again.
///
/// Its own waits (the check interval, a check's limit, the backoff, the wait for the first
/// listen) run on the host's clock; the connection's network timeouts stay the driver's.
final class PostgresListeningConnection: Sendable {
    static let firstRetry: Duration = .milliseconds(100)
    static let longestRetry: Duration = .seconds(5)
    static let checkInterval: Duration = .seconds(30)

    private let url: PostgresStoreURL
    private let applicationName: String
    private let channel: String
    private let logger: Logger
    private let clock: any HostClock
    private let received: @Sendable (String) -> Void
    private let listened: @Sendable () -> Void
    private let listens: AsyncStream<Void>
    private let listensContinuation: AsyncStream<Void>.Continuation

    init(url: PostgresStoreURL, applicationName: String, channel: String, logger: Logger, clock: any HostClock,
         received: @escaping @Sendable (String) -> Void, listened: @escaping @Sendable () -> Void) {
        self.url = url
        self.applicationName = applicationName
        self.channel = channel
        self.logger = logger
        self.clock = clock
        self.received = received
        self.listened = listened
        (listens, listensContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Returns once the connection listens, or after `limit` (logged), whichever comes first.
    func waitUntilListening(within limit: Duration) async {
        let listening = await withTaskGroup(of: Bool.self) { group in
            group.addTask { [listens] in
                for await _ in listens { return true }
                return false
            }
            group.addTask { [clock] in
                try? await clock.sleep(for: limit)
                return false
            }
            defer { group.cancelAll() }
            return await group.next() ?? false
        }
        if !listening {
            logger.warning("the notifier does not listen yet; it keeps trying, and wakes every listener once it does",
                           metadata: ["database": "\(url.redacted)"])
        }
    }

    /// Listens, and listens again after each drop, until the task is cancelled.
    func run() async {
        var retry = Self.firstRetry
        // Since when it has not listened, once it listened before.
        var droppedAt: ContinuousClock.Instant?
        var listenedBefore = false
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            let outcome: (any Error)?
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try url.connectionConfiguration(applicationName: applicationName), id: attempt, logger: logger)
                do {
                    try await connection.listen(on: channel) { messages in
                        retry = Self.firstRetry
                        listening(since: listenedBefore ? droppedAt : nil)
                        listenedBefore = true
                        droppedAt = nil
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask { [received] in
                                for try await message in messages { received(message.payload) }
                            }
                            group.addTask { try await self.keepChecking(connection) }
                            defer { group.cancelAll() }
                            try await group.next()
                        }
                    }
                    outcome = nil
                } catch {
                    outcome = error
                }
                try? await connection.close()
            } catch {
                outcome = error
            }
            guard !Task.isCancelled else { break }
            let error = outcome.map(Self.describe) ?? "closed"
            if droppedAt == nil && listenedBefore {
                droppedAt = clock.now
                logger.warning("the notifier's listening connection dropped; notifications from other replicas are lost until it listens again",
                               metadata: ["database": "\(url.redacted)", "error": "\(error)"])
            } else {
                logger.warning("the notifier could not listen", metadata: [
                    "database": "\(url.redacted)", "error": "\(error)",
                    "retry_ms": "\(Int(retry / .milliseconds(1)))",
                ])
            }
            try? await clock.sleep(for: retry * Double.random(in: 0.5...1))
            retry = min(retry * 2, Self.longestRetry)
        }
        listensContinuation.finish()
    }

    /// Returns only by throwing: when the connection fails a check, or the task is cancelled.
    /// A check the server does not answer in time is ended by closing the connection, since
    /// a query in flight cannot be cancelled otherwise.
    private func keepChecking(_ connection: PostgresConnection) async throws {
        while true {
            try await clock.sleep(for: Self.checkInterval)
            let silence = Task { [url, logger, clock] in
                try await clock.sleep(for: url.connectTimeout)
                logger.warning("the notifier's listening connection did not answer a check; closing it",
                               metadata: ["database": "\(url.redacted)", "within": "\(url.connectTimeout)"])
                try? await connection.close()
            }
            defer { silence.cancel() }
            try await connection.rows("SELECT 1", logger: logger)
        }
    }

    /// The server's words, or the driver's error code: a PSQLError's own description says
    /// nothing, on purpose, since it could hold a query's values.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        return error.serverInfo?[.message] ?? "\(error.code)"
    }

    private func listening(since droppedAt: ContinuousClock.Instant?) {
        if let droppedAt {
            logger.notice("the notifier listens again; every listener is woken to look again", metadata: [
                "database": "\(url.redacted)", "down_ms": "\(Int((clock.now - droppedAt) / .milliseconds(1)))",
            ])
        } else {
            logger.info("the notifier listens", metadata: ["database": "\(url.redacted)", "channel": "\(channel)"])
        }
        listened()
        listensContinuation.yield()
    }
}

