import Foundation
import OpenAPIKit
import PatchbayWire

/// Turns an OpenAPI document into connector operations, in the definition format of
/// `POST /v1/connectors`, with a report of every operation skipped and why and everything
/// approximated. It reads the document only: what to do with the result is the caller's.
struct OpenAPIImporter {
    var filter: OpenAPIImportFilter
    /// The auth of the connector imported into; nil takes the document's security scheme.
    var auth: JSONValue?

    /// What a document gives a connector.
    struct Result {
        var title: String
        var description: String
        /// The first server's URL with its variables at their defaults; nil when it is not an absolute http(s) URL.
        var baseURL: String?
        var auth: JSONValue?
        var operations: [JSONValue]
        var report: OpenAPIImportReport
    }

    func run(_ source: JSONValue) throws -> Result {
        let read = try OpenAPIDocumentReader.read(source)
        let document = read.document
        var report = OpenAPIImportReport(version: read.version)
        report.approximated += read.notes.map { .init(operation: nil, note: $0) }

        var auth = self.auth
        if case .none = auth {
            let (mapped, notes) = OpenAPIAuthMapper.auth(of: document)
            auth = mapped
            report.approximated += notes.map { .init(operation: nil, note: $0) }
        }
        let secretHeader = (try? ConnectorAuth(auth, at: "auth"))?.secretHeader

        let schemas = try document.components.schemas.reduce(into: [String: JSONValue]()) { map, entry in
            map[entry.key.rawValue] = try OpenAPISchemaInliner.encode(entry.value)
        }
        let translator = OpenAPIOperationTranslator(document: document, inliner: OpenAPISchemaInliner(schemas: schemas),
                                                    secretHeader: secretHeader,
                                                    documentServer: document.servers.first.flatMap(OpenAPIServerURL.resolve))
        var operations: [JSONValue] = []
        var taken: [String: String] = [:]
        // By path, so the same document always gives the same operations in the same order
        // (decoders do not keep a JSON object's order).
        for (path, either) in document.paths.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let item = document.components[either] else {
                report.skipped.append(.init(operation: path.rawValue, method: "*", path: path.rawValue,
                                            reason: "the path item's reference does not resolve"))
                continue
            }
            for endpoint in item.endpoints {
                report.operationsInDocument += 1
                let method = endpoint.method.rawValue
                let operation = endpoint.operation
                let name = OpenAPIOperationName.make(operationID: operation.operationId, method: method, path: path.rawValue)
                guard filter.keeps(path: path.rawValue, tags: operation.tags ?? [], operationID: operation.operationId, name: name) else {
                    report.filteredOut += 1
                    continue
                }
                func skip(_ reason: String) {
                    report.skipped.append(.init(operation: operation.operationId ?? name, method: method, path: path.rawValue, reason: reason))
                }
                guard let connectorMethod = ConnectorOperation.Method(rawValue: method) else {
                    skip("method \(method): connectors call GET, POST, PUT, PATCH and DELETE")
                    continue
                }
                if let other = taken[name] {
                    skip("its name \(name) is already that of \(other)")
                    continue
                }
                switch translator.translate(name: name, method: connectorMethod, path: path, item: item, operation: operation) {
                case .success(let (definition, notes)):
                    taken[name] = "\(method) \(path.rawValue)"
                    operations.append(definition)
                    report.imported.append(name)
                    report.approximated += notes.map { .init(operation: name, note: $0) }
                case .failure(let skipped):
                    skip(skipped.reason)
                }
            }
        }
        return Result(title: document.info.title, description: document.info.description ?? "",
                      baseURL: baseURL(document, report: &report), auth: auth, operations: operations, report: report)
    }

    /// The first server's URL, its variables at their defaults.
    private func baseURL(_ document: OpenAPI.Document, report: inout OpenAPIImportReport) -> String? {
        guard let server = document.servers.first else {
            report.approximated.append(.init(operation: nil, note: "the document names no server; give the connector a base_url"))
            return nil
        }
        guard let url = OpenAPIServerURL.resolve(server) else {
            report.approximated.append(.init(operation: nil, note: "the first server, \(server.urlTemplate.absoluteString), is not an absolute http(s) URL; give the connector a base_url"))
            return nil
        }
        if document.servers.count > 1 {
            report.approximated.append(.init(operation: nil, note: "the document names \(document.servers.count) servers; the first, \(url), is the base URL"))
        }
        return url
    }
}
