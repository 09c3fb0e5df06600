import Foundation
import PatchbayWire

/// Makes a document's schemas self-contained: each `$ref` to `#/components/schemas/…` (or any
/// other place in the components) is replaced by what it names, so an operation's input and
/// output schemas stand alone in the connector. A reference back into a schema being expanded
/// (a cycle), a chain deeper than `maxDepth`, or a schema past `maxNodes` becomes a loose
/// schema that accepts anything, and is noted: the expansion is always finite.
final class OpenAPISchemaInliner {
    /// The document's `components.schemas`, encoded.
    private let schemas: [String: JSONValue]
    /// Expansions that cut nothing, which are the same wherever they appear.
    private var complete: [String: (schema: JSONValue, nodes: Int)] = [:]
    private var cuts = 0
    private var notes: [String] = []

    static let maxDepth = 32
    static let maxNodes = 20_000
    static let componentsPrefix = "#/components/schemas/"

    /// Keywords whose value is one schema, a map of schemas or an array of schemas. Only these
    /// are searched for references: `enum`, `const`, `default` and examples are data.
    private static let single: Set<String> = ["items", "additionalProperties", "not", "if", "then", "else", "contains",
                                              "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema"]
    private static let maps: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    private static let lists: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    /// Dropped: they describe the document, not a value, and can be large (some real descriptions' examples are).
    private static let dropped: Set<String> = ["example", "examples", "xml", "externalDocs", "discriminator"]

    init(schemas: [String: JSONValue]) {
        self.schemas = schemas
    }

    /// A part of the document (a schema, a reference) as the JSON it stands for.
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try WireCoding.decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// The schema with every reference expanded.
    func inline(_ schema: JSONValue) -> JSONValue {
        var stack: [String] = []
        var budget = Self.maxNodes
        return expand(schema, stack: &stack, budget: &budget).schema
    }

    /// What was approximated since the last call, each once.
    func takeNotes() -> [String] {
        var seen: Set<String> = []
        let unique = notes.filter { seen.insert($0).inserted }
        notes = []
        return unique
    }

    private func expand(_ schema: JSONValue, stack: inout [String], budget: inout Int) -> (schema: JSONValue, nodes: Int) {
        guard var members = schema.objectValue else { return (schema, 1) }
        if let reference = members["$ref"]?.stringValue {
            // A reference object's summary describes the reference, not a value.
            members["$ref"] = nil
            members["summary"] = nil
            let (target, nodes) = follow(reference, stack: &stack, budget: &budget)
            guard !members.isEmpty else { return (target, nodes) }
            let (siblings, more) = expand(.object(members), stack: &stack, budget: &budget)
            return Self.merge(target, nodes + more, siblings: siblings.objectValue ?? [:])
        }
        var nodes = 1
        var result: [String: JSONValue] = [:]
        for (key, value) in members where !Self.dropped.contains(key) && !key.hasPrefix("x-") {
            if Self.single.contains(key) {
                let (expanded, size) = expand(value, stack: &stack, budget: &budget)
                result[key] = expanded
                nodes += size
            } else if Self.maps.contains(key), let map = value.objectValue {
                var out: [String: JSONValue] = [:]
                for (name, item) in map {
                    let (expanded, size) = expand(item, stack: &stack, budget: &budget)
                    out[name] = expanded
                    nodes += size
                }
                result[key] = .object(out)
            } else if Self.lists.contains(key), let items = value.arrayValue {
                result[key] = .array(items.map { item in
                    let (expanded, size) = expand(item, stack: &stack, budget: &budget)
                    nodes += size
                    return expanded
                })
            } else if key == "required", let names = value.arrayValue {
                // OpenAPIKit writes these from a dictionary, in no stable order; sorted, the same
                // document always gives the same definition.
                result[key] = .array(names.sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") })
            } else {
                result[key] = value
            }
        }
        return (.object(result), nodes)
    }

    /// What a reference names, expanded; loose when it cannot or must not be expanded.
    private func follow(_ reference: String, stack: inout [String], budget: inout Int) -> (schema: JSONValue, nodes: Int) {
        let name = Self.componentName(reference)
        if let name, let done = complete[name], done.nodes <= budget {
            budget -= done.nodes
            return done
        }
        guard let target = resolve(reference) else {
            return cut(reference, "\(reference) is not a schema of this document and is not followed; it accepts anything")
        }
        let label = name ?? reference
        if stack.contains(reference) {
            return cut(reference, "\(label) refers back to itself; the recursion is accepted as any value below \(label)")
        }
        guard stack.count < Self.maxDepth else {
            return cut(reference, "references nest deeper than \(Self.maxDepth) at \(label); it accepts anything there")
        }
        guard budget > 0 else {
            return cut(reference, "a schema is larger than \(Self.maxNodes) nodes; \(label) is not expanded past that and accepts anything")
        }
        let cutsBefore = cuts
        stack.append(reference)
        let expanded = expand(target, stack: &stack, budget: &budget)
        stack.removeLast()
        budget -= expanded.nodes
        if let name, cuts == cutsBefore { complete[name] = expanded }
        return expanded
    }

    private func cut(_ reference: String, _ note: String) -> (schema: JSONValue, nodes: Int) {
        cuts += 1
        notes.append(note)
        let description = Self.componentName(reference).map { "\($0) (not expanded here)" } ?? "\(reference) (not expanded)"
        return (["description": .string(description)], 1)
    }

    private func resolve(_ reference: String) -> JSONValue? {
        if let name = Self.componentName(reference) { return schemas[name] }
        // Another place in the components, such as #/components/schemas/pet/properties/owner.
        guard reference.hasPrefix("#"), let decoded = String(reference.dropFirst()).removingPercentEncoding,
              let pointer = JSONPointer(decoded)
        else { return nil }
        return pointer.resolve(in: ["components": ["schemas": .object(schemas)]])
    }

    /// `pet` for `#/components/schemas/pet`.
    static func componentName(_ reference: String) -> String? {
        guard reference.hasPrefix(componentsPrefix) else { return nil }
        let token = reference.dropFirst(componentsPrefix.count)
        guard !token.contains("/") else { return nil }
        return (token.removingPercentEncoding ?? String(token)).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// Keywords beside a `$ref` apply too (2020-12): the ones the target lacks are added to it,
    /// and when both say something different, both apply through `allOf`.
    private static func merge(_ target: JSONValue, _ nodes: Int, siblings: [String: JSONValue]) -> (schema: JSONValue, nodes: Int) {
        guard !siblings.isEmpty else { return (target, nodes) }
        guard var members = target.objectValue else { return (.object(siblings.merging(["allOf": [target]]) { $1 }), nodes + 1) }
        let annotations: Set<String> = ["description", "title", "deprecated", "readOnly", "writeOnly", "default", "format"]
        var conflicting = false
        for (key, value) in siblings {
            if members[key] == nil || annotations.contains(key) {
                members[key] = value
            } else if members[key] != value {
                conflicting = true
            }
        }
        guard conflicting else { return (.object(members), nodes) }
        return (.object(siblings.merging(["allOf": [target]]) { $1 }), nodes + 1)
    }
}
