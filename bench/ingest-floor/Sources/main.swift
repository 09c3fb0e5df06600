import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO

// bench-ingest-floor MODE PORT DATABASE_PORT DATABASE ACCOUNT_ID CONNECTION_ID
// (the database user and password in PGUSER and PGPASSWORD; the server on 127.0.0.1, no TLS)
//
// Answers `POST /hooks/{provider}/{endpoint}` by storing the delivery as one row of the host's
// `webhook_events` table, for that endpoint, the given account and connection: its
// X-GitHub-Delivery and X-GitHub-Event headers and its body as it came. Nothing else happens
// on the way: no route read, no signature check, no JSON parse, no duplicate check, no
// subscriptions, no counters, no notification. The pool has the host's default size (20).
//
// MODE row: one autocommit INSERT per request (pgbench's ceiling script, from an HTTP server).
// MODE group: the requests that arrive while a statement runs share the next one, one group at
// a time, as the host's inbox groups them on one replica.

let arguments = CommandLine.arguments
let environment = ProcessInfo.processInfo.environment
guard arguments.count == 7, ["row", "group"].contains(arguments[1]), let port = Int(arguments[2]),
      let databasePort = Int(arguments[3]), let user = environment["PGUSER"] else {
    FileHandle.standardError.write(Data("""
        usage: PGUSER=... PGPASSWORD=... bench-ingest-floor row|group PORT DATABASE_PORT DATABASE ACCOUNT_ID CONNECTION_ID

        """.utf8))
    exit(2)
}
let grouped = arguments[1] == "group"
let accountID = arguments[5], connectionID = arguments[6]

var configuration = PostgresClient.Configuration(host: "127.0.0.1", port: databasePort, username: user,
                                                 password: environment["PGPASSWORD"], database: arguments[4],
                                                 tls: .disable)
configuration.options.maximumConnections = 20
let client = PostgresClient(configuration: configuration)
let groups = InsertGroups(client: client, accountID: accountID, connectionID: connectionID)

let deliveryHeader = HTTPField.Name("X-GitHub-Delivery")!
let eventHeader = HTTPField.Name("X-GitHub-Event")!
let reply = ByteBuffer(string: #"{"ok":true,"stored":1,"duplicates":0}"#)

let router = Router()
router.post("/hooks/:provider/:endpoint") { request, context -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    let event = EventRow(
        id: "evt_" + String(UInt64.random(in: .min ... .max), radix: 16) + String(UInt32.random(in: .min ... .max), radix: 16),
        endpointID: try context.parameters.require("endpoint"),
        deliveryID: request.headers[deliveryHeader] ?? "",
        type: request.headers[eventHeader] ?? "",
        payload: String(buffer: body),
        receivedAt: Int64(Date().timeIntervalSince1970 * 1000))
    if grouped {
        try await groups.insert(event)
    } else {
        let statement = InsertEventStatement(accountID: accountID, connectionID: connectionID, event: event)
        for try await _ in try await client.execute(statement) {}
    }
    return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: reply))
}

let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)))
Task { await client.run() }
try await app.runService()
