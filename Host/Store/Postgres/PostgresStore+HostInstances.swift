import Foundation
import PatchbayClock
public import PatchbayModel
import PostgresNIO

/// Every replica's heartbeat, the calls a gone replica leaves behind, and whether the database
/// takes writes, as `SQLiteStore` answers them.
extension PostgresStore {
    public func saveHostInstance(_ instance: HostInstanceRecord) async throws {
        try await write("""
            INSERT INTO host_instances (id, machine, pid, started_at, heartbeat_at)
            VALUES (\(instance.id), \(instance.machine), \(instance.pid), \(instance.startedAt), \(instance.heartbeatAt))
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """)
    }

    public func hostInstances() async throws -> [HostInstanceRecord] {
        try await rows("SELECT * FROM host_instances ORDER BY started_at").map { row in
            HostInstanceRecord(id: try row.value("id"), machine: try row.value("machine"), pid: try row.value("pid"),
                               startedAt: try row.value("started_at"), heartbeatAt: try row.value("heartbeat_at"))
        }
    }

    /// In one transaction, so an instance is forgotten only with its calls marked: two replicas
    /// that both find it gone mark each call once, since the second one's update finds no
    /// `running` rows left.
    public func interruptExecutions(ofInstances ids: [String], at: Millis) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let logger = logger
        return try await transaction { connection in
            let marked = try await connection.rows("""
                UPDATE executions SET status = 'interrupted', error_code = \(ExecutionRecord.outcomeUnknown),
                    error_message = \(ExecutionRecord.outcomeUnknownMessage), retryable = FALSE,
                    finished_at = \(at), duration_ms = \(at) - started_at
                WHERE instance_id = ANY(\(ids)) AND status = 'running'
                RETURNING id
                """, logger: logger)
            try await connection.rows("DELETE FROM host_instances WHERE id = ANY(\(ids))", logger: logger)
            return marked.count
        }
    }

    /// Probes with a write of its own only when no write succeeded lately or the last one
    /// failed, so a busy replica's readiness check costs nothing.
    public func storageProblem() async -> StoreError? {
        guard health.current != nil || !health.wroteRecently else { return nil }
        do {
            try await write("""
                INSERT INTO storage_probe (id, written_at) VALUES (1, \(clock.wallMillis))
                ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at
                """)
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return health.current.map(StoreError.unavailable)
        }
    }
}
