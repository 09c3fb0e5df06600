import Foundation
import PatchbayModel
import PatchbayWire

/// Proposes a binding for a plain-language goal by scoring the discovered objects, their
/// fields and operations against the goal's words. Deterministic and explainable: every point
/// of a score comes with the reason it was given, and ties break by name.
enum AutoMapper {
    struct Proposal: Sendable, Equatable {
        var object: String
        var kind: SchemaOperation.Kind
        var filterFields: [String]
        var writeFields: [String]
        var returnedFields: [String]
        var score: Double
        var reasoning: [String]
        /// Filter values the goal seems to ask for; reported for review, never applied.
        var suggestedPresets: [AgentService.SuggestedPreset] = []
    }

    /// A filter through a relationship the goal asks for, with its points and reasons.
    private struct RelatedFilter {
        var path: String
        var points: Double
        var reasoning: [String]
    }

    private struct Word: Equatable {
        var stem: String
        var text: String
        /// Written as `customer's`: it qualifies another noun rather than naming the target.
        var possessive: Bool
        var plural: Bool
        /// Follows "by", "with", "where" or "whose": names what to match on.
        var afterBy: Bool
    }

    static let kindWords: [(SchemaOperation.Kind, Set<String>)] = [
        (.create, ["add", "create", "insert", "new", "register", "append", "save", "log"]),
        (.update, ["update", "change", "edit", "modify", "set", "rename", "correct", "mark"]),
        (.list, ["list", "show", "browse", "all", "every", "recent", "latest"]),
        (.lookup, ["find", "look", "lookup", "get", "fetch", "search", "retrieve", "check", "which"]),
    ]
    private static let stopWords: Set<String> = [
        "a", "an", "the", "of", "for", "to", "and", "or", "my", "our", "their", "its", "his", "her", "in", "on", "at",
        "from", "that", "is", "are", "up", "me", "us", "one", "some", "what", "who", "i", "we", "it", "this", "these",
    ]
    private static let byWords: Set<String> = ["by", "with", "where", "whose", "using", "via"]
    /// Names of fields that hold one of a few values ("open", "paid"), which an adjective in a goal may name.
    private static let valueFieldStems: Set<String> = ["status", "state", "stage", "phase"]

    /// Every candidate, best first. Empty when no object's name or fields appear in the goal.
    static func propose(goal: String, schema: DiscoveredSchema) -> [Proposal] {
        let words = self.words(goal)
        let verbs = Set(words.map(\.text))
        let asked = kindWords.first { !$0.1.isDisjoint(with: verbs) }?.0
        // Finding things named in the plural is listing them.
        let writes: Set<SchemaOperation.Kind> = [.create, .update]
        var proposals: [Proposal] = []
        for object in schema.objects {
            let offered = schema.operations.filter { $0.object == object.name }
            guard !offered.isEmpty else { continue }
            var reasoning: [String] = []
            let objectScore = score(object, words, &reasoning)
            guard objectScore > 0 else { continue }
            let mentioned = mentionedFields(object, words)
            let matchedOn = mentionedFields(object, words.filter(\.afterBy))
            let pluralMention = words.contains { $0.plural && !$0.possessive && stems(object.name).contains($0.stem) }
            let related = relatedFilters(object, schema: schema, words: words)
            let suggestions = suggestedPresets(object, schema: schema, words: words)
            for operation in offered {
                var reasons = reasoning
                var total = objectScore
                let wanted: SchemaOperation.Kind
                let why: String
                if let asked, writes.contains(asked) || asked == .list {
                    wanted = asked
                    why = "the goal asks to \(verbs.intersection(kindWords.first { $0.0 == asked }!.1).sorted().joined(separator: "/"))"
                } else if pluralMention {
                    wanted = .list
                    why = "\(object.name) is named in the plural"
                } else {
                    wanted = .lookup
                    why = "one \(object.name) record is asked for"
                }
                if operation.kind == wanted {
                    total += 2
                    reasons.append("operation \(operation.kind.rawValue): \(why) (+2)")
                }
                let descriptionHits = Set(stems(operation.description)).intersection(words.map(\.stem)).subtracting(stems(object.name))
                if !descriptionHits.isEmpty {
                    total += 0.25 * Double(descriptionHits.count)
                    reasons.append("operation description shares \(descriptionHits.sorted().joined(separator: ", ")) (+\(0.25 * Double(descriptionHits.count)))")
                }
                let reads = operation.kind == .lookup || operation.kind == .list
                if reads {
                    for filter in related {
                        total += filter.points
                        reasons += filter.reasoning
                    }
                }
                var proposal = Proposal(object: object.name, kind: operation.kind, filterFields: [], writeFields: [],
                                        returnedFields: [], score: total, reasoning: reasons)
                fields(&proposal, object: object, mentioned: mentioned, matchedOn: matchedOn + (reads ? related.map(\.path) : []))
                if reads, !suggestions.isEmpty {
                    proposal.suggestedPresets = suggestions
                    proposal.reasoning += suggestions.map(\.reason)
                }
                proposals.append(proposal)
            }
        }
        let order: [SchemaOperation.Kind] = [.lookup, .list, .create, .update, .delete]
        return proposals.sorted { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.object != right.object { return left.object < right.object }
            return order.firstIndex(of: left.kind)! < order.firstIndex(of: right.kind)!
        }
    }

    /// Points for the object's name (3 when the goal names all of it, shared between its words;
    /// a third of that for a word that only qualifies another), its description and its fields.
    private static func score(_ object: SchemaObject, _ words: [Word], _ reasoning: inout [String]) -> Double {
        var total = 0.0
        let nameStems = Set(stems(object.name))
        for word in words where nameStems.contains(word.stem) {
            let points = (word.possessive ? 1.0 : 3.0) / Double(nameStems.count)
            total += points
            reasoning.append("object \(object.name): \"\(word.text)\" \(word.possessive ? "qualifies another word" : "names it")"
                             + " (+\(points.formatted(.number.precision(.fractionLength(0...2)))))")
        }
        let descriptionStems = Set(stems(object.description ?? "")).subtracting(nameStems)
        for word in words where descriptionStems.contains(word.stem) {
            total += 0.5
            reasoning.append("object \(object.name): its description mentions \"\(word.text)\" (+0.5)")
        }
        for field in mentionedFields(object, words) {
            total += 1
            reasoning.append("object \(object.name) has a field \(field) the goal names (+1)")
        }
        return total
    }

    /// Fields of related objects named after "by" that the object lacks itself, written
    /// `<related>.<field>`: "a customer's orders by email" filters orders on `customers.email`.
    /// One point per field, and one more when the goal also names the related object.
    private static func relatedFilters(_ object: SchemaObject, schema: DiscoveredSchema, words: [Word]) -> [RelatedFilter] {
        let links = RelationshipPaths.links(of: object.name, in: schema)
        var filters: [RelatedFilter] = []
        for link in links {
            // Two relationships to the same object would make the path ambiguous.
            guard links.filter({ $0.object == link.object }).count == 1,
                  let related = schema.objects.first(where: { $0.name == link.object }) else { continue }
            let own = Set(object.fields.map(\.name))
            let matched = mentionedFields(related, words.filter(\.afterBy)).filter { field in
                !own.contains(field) && !link.relatedFields.contains(field)
            }
            guard !matched.isEmpty else { continue }
            let join = "\(object.name).\(link.fields.joined(separator: ", ")) → \(related.name).\(link.relatedFields.joined(separator: ", "))"
            let named = words.first { stems(related.name).contains($0.stem) }
            for (index, field) in matched.enumerated() {
                var filter = RelatedFilter(path: "\(related.name).\(field)", points: 1,
                                           reasoning: ["\"\(field)\" matched \(related.name).\(field), a field of the related "
                                                       + "\(related.name), not of \(object.name) (+1)"])
                if index == 0 {
                    if let named {
                        filter.points += 1
                        filter.reasoning.append("the relationship \(join) links \(object.name) to \(related.name), "
                                                + "which \"\(named.text)\" names (+1)")
                    } else {
                        filter.reasoning.append("the relationship \(join) links \(object.name) to \(related.name)")
                    }
                }
                filters.append(filter)
            }
        }
        return filters
    }

    /// Words just before the object's name that name nothing in the schema ("open" in "open
    /// orders"), offered as a value of the object's status-like field. Discovery does not list
    /// the values a field holds, so these are suggestions for the reviewer, never applied.
    private static func suggestedPresets(_ object: SchemaObject, schema: DiscoveredSchema, words: [Word]) -> [AgentService.SuggestedPreset] {
        guard let field = object.fields.first(where: { $0.type == "string" && !valueFieldStems.isDisjoint(with: stems($0.name)) })
        else { return [] }
        var known = Set(schema.objects.flatMap { stems($0.name) + $0.fields.flatMap { stems($0.name) } })
        known.formUnion(kindWords.flatMap(\.1))
        let nameStems = Set(stems(object.name))
        var suggestions: [AgentService.SuggestedPreset] = []
        for (index, word) in words.enumerated() where nameStems.contains(word.stem) && !word.possessive {
            var before = index - 1
            while before >= 0, !words[before].afterBy, !known.contains(words[before].stem), !known.contains(words[before].text) {
                let value = words[before].text
                if !suggestions.contains(where: { $0.value == value }) {
                    suggestions.insert(AgentService.SuggestedPreset(
                        field: field.name, value: value,
                        reason: "\"\(value)\" names nothing in the schema and qualifies \(object.name): suggested preset "
                            + "\(field.name) = \"\(value)\" (not applied: check it is a value \(field.name) holds, then bind with presets)"),
                        at: 0)
                }
                before -= 1
            }
        }
        return suggestions
    }

    /// Fields whose whole name appears in the goal, in the object's order.
    private static func mentionedFields(_ object: SchemaObject, _ words: [Word]) -> [String] {
        let goalStems = words.map(\.stem)
        return object.fields.map(\.name).filter { name in
            let parts = stems(name)
            return !parts.isEmpty && Set(parts).isSubset(of: Set(goalStems)) && !Set(parts).isSubset(of: Set(stems(object.name)))
        }
    }

    /// Filter, write and returned fields for the proposal's kind, with the reason for each choice.
    private static func fields(_ proposal: inout Proposal, object: SchemaObject, mentioned: [String], matchedOn: [String]) {
        let keys = object.fields.filter(\.primaryKey).map(\.name)
        switch proposal.kind {
        case .lookup, .list, .update, .delete:
            proposal.filterFields = matchedOn
            if proposal.filterFields.isEmpty, proposal.kind != .list {
                proposal.filterFields = keys
                if !keys.isEmpty { proposal.reasoning.append("filter by the primary key \(keys.joined(separator: ", ")): no field follows \"by\"") }
            } else if !proposal.filterFields.isEmpty {
                proposal.reasoning.append("filter by \(proposal.filterFields.joined(separator: ", ")): named after \"by\"")
            }
            let rest = mentioned.filter { !proposal.filterFields.contains($0) }
            if proposal.kind == .update {
                proposal.writeFields = rest.isEmpty ? object.fields.filter { !$0.primaryKey }.map(\.name) : rest
                proposal.reasoning.append("write \(proposal.writeFields.joined(separator: ", "))")
            } else if !rest.isEmpty {
                proposal.returnedFields = rest
                proposal.reasoning.append("return \(rest.joined(separator: ", ")): the goal names them")
            }
        case .create:
            proposal.writeFields = mentioned.isEmpty ? object.fields.filter { !$0.primaryKey }.map(\.name) : mentioned
            proposal.reasoning.append("write \(proposal.writeFields.joined(separator: ", "))")
        }
    }

    private static func words(_ goal: String) -> [Word] {
        let text = goal.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        var result: [Word] = []
        var afterBy = false
        for raw in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "_") }) {
            var token = String(raw)
            let possessive = token.hasSuffix("'s") || token.hasSuffix("s'")
            token = token.replacingOccurrences(of: "'s", with: "").replacingOccurrences(of: "'", with: "")
            guard !token.isEmpty else { continue }
            if byWords.contains(token) { afterBy = true; continue }
            if stopWords.contains(token) { continue }
            for part in token.split(separator: "_").map(String.init) {
                let stem = self.stem(part)
                result.append(Word(stem: stem, text: part, possessive: possessive, plural: stem != part, afterBy: afterBy))
            }
        }
        return result
    }

    /// Lowercase word stems of a name or text: split on anything but letters and digits, and on
    /// camelCase, each made singular.
    static func stems(_ text: String) -> [String] {
        var spaced = ""
        var previous: Character?
        for character in text {
            if character.isUppercase, let previous, previous.isLowercase { spaced.append(" ") }
            spaced.append(character)
            previous = character
        }
        return spaced.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { stem(String($0)) }
    }

    /// A plain English singular: enough for table and sheet names.
    static func stem(_ word: String) -> String {
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 4, word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes") {
            return String(word.dropLast(2))
        }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }
}
