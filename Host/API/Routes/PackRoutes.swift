import Hummingbird
import PatchbayServices
import PatchbayWire

/// A provider's packs: ready-made sets of skills to install onto an agent's draft.
enum PackRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        [
            Endpoint(method: .get, path: "/v1/catalog/{provider}/packs", summary: "A provider's packs.",
                     tag: "catalog", access: .key(.integrationsRead), response: APISchema.list(of: APISchema.ref("Pack"))) { _, context in
                let principal = try context.requirePrincipal()
                try principal.require(.integrationsRead)
                let entry = try await patchbay.catalog.entry(principal: principal, id: try context.parameters.require("provider"))
                return JSONResponse.make(["data": .array(entry.manifest.packs.map(Views.pack))])
            },
            Endpoint(method: .get, path: "/v1/catalog/{provider}/packs/{pack}", summary: "One pack and its skills.",
                     tag: "catalog", access: .key(.integrationsRead), response: APISchema.ref("Pack")) { _, context in
                let principal = try context.requirePrincipal()
                try principal.require(.integrationsRead)
                let entry = try await patchbay.catalog.entry(principal: principal, id: try context.parameters.require("provider"))
                let id = try context.parameters.require("pack")
                guard let pack = entry.manifest.packs.first(where: { $0.id == id }) else { throw ServiceError.notFound("pack", id) }
                return JSONResponse.make(Views.pack(pack))
            },
        ]
    }
}
