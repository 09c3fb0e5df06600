import AsyncHTTPClient
import Foundation
import Hummingbird

// bench-forwarder PORT UPSTREAM_URL
//
// Answers `POST /` by posting the same body and Authorization header to UPSTREAM_URL, and
// answering with the upstream's status and body. The client is configured as the host's egress
// is (no redirects, 8,192 connections per host as `EgressSettings.connectionsPerHost`, HTTP/2
// where TLS offers it, the shared event loops); nothing else happens on the way: no key check,
// no lookup, no plugin, no record.

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: bench-forwarder PORT UPSTREAM_URL\n".utf8))
    exit(2)
}
let upstream = arguments[2]

var configuration = HTTPClient.Configuration()
configuration.redirectConfiguration = .disallow
configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 8192
configuration.httpVersion = .automatic
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)

let router = Router()
router.post("/") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    var outbound = HTTPClientRequest(url: upstream)
    outbound.method = .POST
    outbound.headers.add(name: "Content-Type", value: "application/json")
    if let authorization = request.headers[.authorization] {
        outbound.headers.add(name: "Authorization", value: authorization)
    }
    outbound.body = .bytes(body)
    let response = try await client.execute(outbound, timeout: .seconds(30))
    let answer = try await response.body.collect(upTo: 10 << 20)
    return Response(status: HTTPResponse.Status(code: Int(response.status.code)),
                    headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: answer))
}

let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
