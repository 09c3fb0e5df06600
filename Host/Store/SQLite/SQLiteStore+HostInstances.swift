import Foundation
import GRDB
import PatchbayClock
public import PatchbayModel

extension SQLiteStore {
    public func saveHostInstance(_ instance: HostInstanceRecord) async throws {
        try await write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO host_instances (id, machine, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
                    """
            ).execute(arguments: [instance.id, instance.machine, instance.pid, instance.startedAt, instance.heartbeatAt])
        }
    }

    public func hostInstances() async throws -> [HostInstanceRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM host_instances ORDER BY started_at").map { row in
                HostInstanceRecord(id: row["id"], machine: row["machine"], pid: row["pid"], startedAt: row["started_at"],
                                   heartbeatAt: row["heartbeat_at"])
            }
        }
    }

    public func interruptExecutions(ofInstances ids: [String], at: Millis) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await write { db in
            var marked = 0
            for id in ids {
                try db.execute(
                    sql: """
                        UPDATE executions SET status = 'interrupted', error_code = ?, error_message = ?, retryable = 0,
                            finished_at = ?, duration_ms = ? - started_at
                        WHERE instance_id = ? AND status = 'running'
                        """,
                    arguments: [ExecutionRecord.outcomeUnknown, ExecutionRecord.outcomeUnknownMessage, at, at, id])
                marked += db.changesCount
                try db.execute(sql: "DELETE FROM host_instances WHERE id = ?", arguments: [id])
            }
            return marked
        }
    }

    public func storageProblem() async -> StoreError? {
        guard health.current != nil || !health.wroteRecently else { return nil }
        let now = clock.wallMillis
        do {
            try await write { db in
                try db.execute(
                    sql: "INSERT INTO storage_probe (id, written_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at",
                    arguments: [now])
            }
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return health.current.map(StoreError.unavailable)
        }
    }
}
