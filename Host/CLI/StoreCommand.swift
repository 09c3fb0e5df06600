import ArgumentParser
import Foundation
import Logging
import PatchbayStore

struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move the host's data between stores.", subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a single-node install's SQLite database into an empty PostgreSQL database, and verify it.",
            discussion: """
                Reads one consistent snapshot of the SQLite database (the host may keep running, but what it writes \
                after the snapshot is not copied: stop it first), creates the PostgreSQL schema, copies every table in \
                one transaction, and commits only when each table's row count and SHA-256 read back from PostgreSQL \
                match SQLite's. Refuses a target that already has rows. Secrets are copied sealed: start the PostgreSQL \
                hosts with the same master key.
                """)

        @Option(help: "The data dir of the SQLite install (the one holding patchbay.sqlite).")
        var from: String

        @Option(help: """
            The PostgreSQL database, postgres://user:password@host:port/database?sslmode=… Default: \
            $PATCHBAY_DATABASE_URL, which keeps the password out of the process list.
            """)
        var to: String?

        func run() async throws {
            guard let to = to ?? ProcessInfo.processInfo.environment["PATCHBAY_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ValidationError("give the PostgreSQL database with --to or PATCHBAY_DATABASE_URL")
            }
            let target: PostgresStoreURL
            do {
                target = try PostgresStoreURL(to)
            } catch {
                throw ValidationError("--to: \(error)")
            }
            let source = DataOptions.databasePath(in: from)
            let report: StoreCopyReport
            do {
                report = try await StoreCopier(sqlitePath: source, target: target).copy()
            } catch {
                throw CommandFailure(description: "nothing was copied to \(target.redacted): \(error)")
            }
            print(report.rendered)
            guard report.matches else {
                throw CommandFailure(description: "the copy does not match its source, so it was rolled back: nothing was written")
            }
            print("copied \(report.copiedRows) rows from \(source) to \(target.redacted) in \(String(format: "%.2f", report.copySeconds)) s "
                  + "(\(Int(report.rowsPerSecond)) rows/s); every table matches")
            for (column, next) in report.sequences.sorted(by: { $0.key < $1.key }) {
                print("\(column) continues at \(next)")
            }
            if report.runningExecutions > 0 {
                print("warning: \(report.runningExecutions) execution(s) were still running in the snapshot, so the SQLite host was "
                      + "serving or did not stop cleanly; they stay marked running in PostgreSQL")
            }
            print("sealed secrets were copied sealed: start the PostgreSQL hosts with this install's master key "
                  + "(the key file in \(from), or the same PATCHBAY_MASTER_KEY or --master-key-command)")
        }
    }
}
