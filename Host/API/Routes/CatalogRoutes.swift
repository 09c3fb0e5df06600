import Hummingbird
import PatchbayServices
import PatchbayWire

enum CatalogRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        [
            Endpoint(method: .get, path: "/v1/catalog", summary: "Providers on this host, with per-category counts.",
                     tag: "catalog", access: .key(.integrationsRead),
                     parameters: [.query("category"), .oneOf("status", CatalogService.StatusFilter.self)],
                     response: APISchema.view(["data": APISchema.array(APISchema.ref("CatalogEntry")),
                                               "counts": ["type": "object", "additionalProperties": APISchema.integer]])) { request, context in
                let principal = try context.requirePrincipal()
                try principal.require(.integrationsRead)
                let listing = try await patchbay.catalog.list(
                    principal: principal, category: RequestInput.query(request, "category"),
                    status: RequestInput.query(request, "status"))
                return JSONResponse.make([
                    "data": .array(listing.entries.map { Views.catalogEntry($0, detailed: false) }),
                    "counts": .object(listing.categoryCounts.mapValues { .integer(Int64($0)) }),
                ])
            },
            Endpoint(method: .get, path: "/v1/catalog/{provider}",
                     summary: "One provider: actions, packs, auth, credential fields, config schema.",
                     tag: "catalog", access: .key(.integrationsRead), response: APISchema.ref("CatalogEntryDetail")) { request, context in
                let principal = try context.requirePrincipal()
                try principal.require(.integrationsRead)
                let entry = try await patchbay.catalog.entry(principal: principal, id: try context.parameters.require("provider"))
                return JSONResponse.make(Views.catalogEntry(entry, detailed: true))
            },
        ]
    }
}
