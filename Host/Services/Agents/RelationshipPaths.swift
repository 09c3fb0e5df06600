import PatchbayModel
import PatchbayWire

/// Filter fields that follow a relationship: `customers.email` on `orders` means "the email of
/// the customer the order's relationship to customers points at". When two relationships lead
/// to the same object, the linking field names the one meant: `billing_customer_id.email`.
/// Resolved against the discovered schema, so a relationship or field that is not there is
/// refused by name.
enum RelationshipPaths {
    /// The field a filter path names and, for a path through a relationship, the link it follows.
    /// A name that is one of the object's own fields (even one holding a dot) is that field.
    static func resolve(_ path: String, object: SchemaObject, schema: DiscoveredSchema,
                        field: String) throws -> (field: SchemaField, link: SkillBinding.Link?) {
        if let own = object.fields.first(where: { $0.name == path }) { return (own, nil) }
        guard let dot = path.firstIndex(of: "."), dot != path.startIndex else {
            throw ServiceError.validation(
                "\(object.name) has no field \(path) (its fields: \(object.fields.map(\.name).joined(separator: ", ")))", field: field)
        }
        let name = String(path[..<dot])
        let fieldName = String(path[path.index(after: dot)...])
        let links = self.links(of: object.name, in: schema)
        guard !schema.relationships.isEmpty else {
            throw ServiceError.validation("\(path) follows a relationship, but the discovered schema has none", field: field)
        }
        let byObject = links.filter { $0.object == name }
        let candidates = byObject.isEmpty ? links.filter { $0.fields == [name] } : byObject
        guard var link = candidates.first else {
            let reachable = Set(links.map(\.object)).sorted()
            throw ServiceError.validation(
                "\(object.name) has no relationship to \(name)"
                    + (reachable.isEmpty ? " (it has none)" : " (it relates to: \(reachable.joined(separator: ", ")))"), field: field)
        }
        guard candidates.count == 1 else {
            let ways = candidates.map { "\($0.fields.joined(separator: ", ")) → \($0.relatedFields.joined(separator: ", "))" }
            let named = candidates.filter { $0.fields.count == 1 }.map { "\($0.fields[0]).\(fieldName)" }
            throw ServiceError.validation(
                "\(object.name) relates to \(name) in \(candidates.count) ways (\(ways.joined(separator: "; "))), so \(path) is ambiguous"
                    + (named.isEmpty ? "" : "; name the linking field instead: \(named.joined(separator: " or "))"),
                field: field)
        }
        link.name = name
        let relatedName = link.object
        guard let related = schema.objects.first(where: { $0.name == relatedName }),
              let target = related.fields.first(where: { $0.name == fieldName })
        else {
            let fields = schema.objects.first { $0.name == relatedName }?.fields.map(\.name) ?? []
            throw ServiceError.validation("\(relatedName) has no field \(fieldName) (its fields: \(fields.joined(separator: ", ")))",
                                          field: field)
        }
        return (target, link)
    }

    /// Every object `object` is related to, in either direction, as links from `object` named
    /// after the related object.
    static func links(of object: String, in schema: DiscoveredSchema) -> [SkillBinding.Link] {
        schema.relationships.flatMap { relationship -> [SkillBinding.Link] in
            var links: [SkillBinding.Link] = []
            if relationship.from == object {
                links.append(SkillBinding.Link(name: relationship.to, object: relationship.to, fields: relationship.fromFields,
                                               relatedFields: relationship.toFields))
            }
            if relationship.to == object, relationship.from != object {
                links.append(SkillBinding.Link(name: relationship.from, object: relationship.from, fields: relationship.toFields,
                                               relatedFields: relationship.fromFields))
            }
            return links
        }
    }
}
