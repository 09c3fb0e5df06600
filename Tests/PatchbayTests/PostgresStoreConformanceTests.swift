import Foundation
import Logging
import PatchbayClock
import PatchbayModel
@testable import PatchbayStore
import PatchbayStoreConformance
import XCTest

/// The store conformance suite against `PostgresStore`, on the tests' real PostgreSQL server:
/// a fresh database per test, and a reopen is a second store (a second replica) on the same one.
final class PostgresStoreConformanceTests: XCTestCase {
    private var suite: StoreConformance!

    override func setUpWithError() throws {
        let server = try PostgresServer.shared()
        let clock = ManualClock()
        suite = StoreConformance(
            clock: clock,
            makeStore: {
                let database = try server.makeEmptyDatabase()
                return try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)), clock: clock)
            },
            reopen: { store in
                guard let store = store as? PostgresStore else { throw StoreError.corrupt("not a PostgresStore") }
                return try await PostgresStore(url: store.url, clock: clock)
            })
    }

    // Accounts and keys
    func testARefusedWriteFailsAloneAndTheNextOneCommits() async throws { try await suite.aRefusedWriteFailsAloneAndTheNextOneCommits() }
    func testReopeningKeepsEverythingAndStaysWritable() async throws { try await suite.reopeningKeepsEverythingAndStaysWritable() }
    func testAPIKeysAreScopedAndRevokedOnce() async throws { try await suite.apiKeysAreScopedAndRevokedOnce() }
    func testAPIKeysKeepTheirOwnRateLimit() async throws { try await suite.apiKeysKeepTheirOwnRateLimit() }

    // Connections
    func testConnectionsAnswerOnlyToTheirAccount() async throws { try await suite.connectionsAnswerOnlyToTheirAccount() }
    func testConnectionsPageByKeyset() async throws { try await suite.connectionsPageByKeyset() }
    func testConnectedProvidersAndEndUserConnections() async throws { try await suite.connectedProvidersAndEndUserConnections() }

    // Executions
    func testExecutionLifecycle() async throws { try await suite.executionLifecycle() }
    func testExecutionTransitionsHappenOnce() async throws { try await suite.executionTransitionsHappenOnce() }
    func testExecutionsPageAndFilter() async throws { try await suite.executionsPageAndFilter() }

    // Webhooks
    func testWebhookRecordsAnswerOnlyToTheirAccount() async throws { try await suite.webhookRecordsAnswerOnlyToTheirAccount() }
    func testStoredEventsAreAnnounced() async throws { try await suite.storedEventsAreAnnounced() }
    func testConcurrentRouteReadsAnswerTheirOwnEndpoint() async throws { try await suite.concurrentRouteReadsAnswerTheirOwnEndpoint() }
    func testInboundEventsDeduplicateUnderConcurrentInserts() async throws {
        try await suite.inboundEventsDeduplicateUnderConcurrentInserts()
    }
    func testARefusedInboundCallFailsAloneAmongConcurrentOnes() async throws {
        try await suite.aRefusedInboundCallFailsAloneAmongConcurrentOnes()
    }
    func testPullCursorsSeeEveryEventOnceInOrder() async throws { try await suite.pullCursorsSeeEveryEventOnceInOrder() }
    func testACursorNeverSkipsAnEventCommittedLate() async throws { try await suite.aCursorNeverSkipsAnEventCommittedLate() }
    func testWebhookListingsPageByKeyset() async throws { try await suite.webhookListingsPageByKeyset() }
    func testInboundEventsKeepTheirTraceContext() async throws { try await suite.inboundEventsKeepTheirTraceContext() }
    func testDeletingASubscriptionDeadLettersItsDeliveries() async throws {
        try await suite.deletingASubscriptionDeadLettersItsDeliveries()
    }

    // Deliveries
    func testALeasedDeliveryIsNotLeasedAgainUntilItExpires() async throws {
        try await suite.aLeasedDeliveryIsNotLeasedAgainUntilItExpires()
    }
    func testConcurrentLeasersNeverShareADelivery() async throws { try await suite.concurrentLeasersNeverShareADelivery() }
    func testDeliveriesOfDisabledSubscriptionsWait() async throws { try await suite.deliveriesOfDisabledSubscriptionsWait() }
    func testInsertedDeliveriesAreLeased() async throws { try await suite.insertedDeliveriesAreLeased() }

    // Retention
    func testPruningRemovesOnlyFinishedHistory() async throws { try await suite.pruningRemovesOnlyFinishedHistory() }
    func testPruningRemovesOnlyIdleRateBudgets() async throws { try await suite.pruningRemovesOnlyIdleRateBudgets() }

    // Credentials
    func testOAuthAppsArePerAccountAndProvider() async throws { try await suite.oauthAppsArePerAccountAndProvider() }
    func testOAuthStatesAreConsumedOnce() async throws { try await suite.oauthStatesAreConsumedOnce() }
    func testRefreshLeasesAreExclusive() async throws { try await suite.refreshLeasesAreExclusive() }
    func testConnectionStatusAndTokensAnswerOnlyToTheirAccount() async throws {
        try await suite.connectionStatusAndTokensAnswerOnlyToTheirAccount()
    }
    func testVaultRowsAreFoundAndReplacedByKey() async throws { try await suite.vaultRowsAreFoundAndReplacedByKey() }
    func testTokensAreSavedOnlyUnderAHeldLease() async throws { try await suite.tokensAreSavedOnlyUnderAHeldLease() }

    // Agents
    func testAgentsAnswerOnlyToTheirAccount() async throws { try await suite.agentsAnswerOnlyToTheirAccount() }
    func testConcurrentDraftEditsAreNotLost() async throws { try await suite.concurrentDraftEditsAreNotLost() }
    func testPublishingAndRollingBackNumberVersions() async throws { try await suite.publishingAndRollingBackNumberVersions() }
    func testConcurrentPublishesAndRollbacksNumberVersionsWithoutGaps() async throws {
        try await suite.concurrentPublishesAndRollbacksNumberVersionsWithoutGaps()
    }
    func testDeletingAnAgentTakesItsSubscriptions() async throws { try await suite.deletingAnAgentTakesItsSubscriptions() }
    func testDeletingASubscriptionDeadLettersItsDeliveriesAtTheStoresClock() async throws {
        try await suite.deletingASubscriptionDeadLettersItsDeliveriesAtTheStoresClock()
    }
    func testDeletingAgentsRacesDeletingTheirSubscriptions() async throws {
        try await suite.deletingAgentsRacesDeletingTheirSubscriptions()
    }

    // Connection events
    func testConnectionChangesAreAnnouncedOnlyWhenMade() async throws { try await suite.connectionChangesAreAnnouncedOnlyWhenMade() }
    func testReplacingCredentialsForgetsTheTokenLifecycle() async throws {
        try await suite.replacingCredentialsForgetsTheTokenLifecycle()
    }

    // Host instances
    func testExecutionsOfAGoneInstanceAreInterrupted() async throws { try await suite.executionsOfAGoneInstanceAreInterrupted() }
    func testAnApprovedCallBelongsToTheInstanceRunningIt() async throws { try await suite.anApprovedCallBelongsToTheInstanceRunningIt() }

    // MCP sessions
    func testMCPSessionsAnswerOnlyToTheirAccount() async throws { try await suite.mcpSessionsAnswerOnlyToTheirAccount() }
    func testMCPSessionLimitHoldsAcrossReplicas() async throws { try await suite.mcpSessionLimitHoldsAcrossReplicas() }
    func testIdleMCPSessionsExpire() async throws { try await suite.idleMCPSessionsExpire() }
    func testConnectorsAnswerOnlyToTheirAccount() async throws { try await suite.connectorsAnswerOnlyToTheirAccount() }
    func testConnectorNamesAreUniquePerAccount() async throws { try await suite.connectorNamesAreUniquePerAccount() }
    func testMCPServersAnswerOnlyToTheirAccount() async throws { try await suite.mcpServersAnswerOnlyToTheirAccount() }
    func testMCPServersListNewestFirstAndRefuseADuplicate() async throws { try await suite.mcpServersListNewestFirstAndRefuseADuplicate() }
    func testRateBudgetsKeepTheLatestObservationAndTheLongestPause() async throws {
        try await suite.rateBudgetsKeepTheLatestObservationAndTheLongestPause()
    }

    // Idempotency keys, the audit log and API request counts
    func testIdempotencyKeysAreClaimedOnceAndKeepTheFirstAnswer() async throws {
        try await suite.idempotencyKeysAreClaimedOnceAndKeepTheFirstAnswer()
    }
    func testIdempotencyKeysAreReleasedTakenOverAndPruned() async throws { try await suite.idempotencyKeysAreReleasedTakenOverAndPruned() }
    func testAuditEntriesPageAndFilterByAccount() async throws { try await suite.auditEntriesPageAndFilterByAccount() }
    func testAPIRequestCountsAddUpAcrossReplicas() async throws { try await suite.apiRequestCountsAddUpAcrossReplicas() }
}
