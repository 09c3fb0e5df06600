import Foundation
import HTTPTypes
import PatchbayWire

extension FakeShopify {
    /// `customers.json`: every customer by ascending id. Called with the lock held.
    func listCustomers(_ call: Call) throws -> FakeShopifyReply {
        try listPage(call, key: "customers", records: customerList) { _, _ in true }
    }

    /// `customers/search.json?query=…`: whitespace-separated terms that must all match.
    /// `field:value` compares one field (email and phone exactly, ignoring case); a bare word
    /// is looked for in the names and the email. Called with the lock held.
    func searchCustomers(_ call: Call) throws -> FakeShopifyReply {
        try listPage(call, key: "customers", records: customerList) { filters, customer in
            let terms = (filters["query"] ?? "").split(separator: " ").map(String.init)
            return terms.allSatisfy { Self.matches(customer, term: $0) }
        }
    }

    private static func matches(_ customer: JSONValue, term: String) -> Bool {
        func value(_ name: String) -> String { customer[name]?.stringValue?.lowercased() ?? "" }
        let parts = term.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            return ["first_name", "last_name", "email"].contains { value($0).contains(parts[0]) }
        }
        let (field, wanted) = (parts[0], parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        switch field {
        case "email", "phone", "state": return value(field) == wanted
        case "first_name", "last_name": return value(field).hasPrefix(wanted)
        case "tag": return value("tags").split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == wanted }
        default: return false
        }
    }

    /// `POST customers.json` with `{"customer": {…}}`: 201 with the new customer, or 422 with
    /// every field's problems, e.g. `{"errors":{"email":["has already been taken"]}}`.
    /// Called with the lock held.
    func createCustomer(_ call: Call) throws -> FakeShopifyReply {
        guard let body = try? WireCoding.decode(JSONValue.self, from: Data(call.body.utf8)),
              let input = body["customer"]?.objectValue
        else {
            throw FakeShopifyError.badRequest("customer", "Required parameter missing or invalid")
        }
        func text(_ name: String) -> String? {
            guard let value = input[name]?.stringValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        var problems: [String: [String]] = [:]
        let email = text("email")?.lowercased()
        if let email {
            if email.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) == nil {
                problems["email", default: []].append("is invalid")
            } else if customerList.contains(where: { $0["email"]?.stringValue?.lowercased() == email }) {
                problems["email", default: []].append("has already been taken")
            }
        }
        let phone = text("phone")
        if let phone {
            if phone.range(of: #"^\+?[1-9][0-9]{6,14}$"#, options: .regularExpression) == nil {
                problems["phone", default: []].append("is invalid")
            } else if customerList.contains(where: { $0["phone"]?.stringValue == phone }) {
                problems["phone", default: []].append("has already been taken")
            }
        }
        if email == nil && phone == nil && text("first_name") == nil && text("last_name") == nil {
            problems["base", default: []].append("Customer must have a name, phone number or email address")
        }
        guard problems.isEmpty else { throw FakeShopifyError.unprocessable(problems) }

        let id = Int64((customerList.compactMap { $0["id"]?.intValue }.max() ?? 207119550) + 1)
        let now = ISO8601DateFormatter().string(from: Date())
        let invited = input["send_email_invite"]?.boolValue == true
        let customer = FakeShopifySeed.customer(id, email, text("first_name"), text("last_name"), phone: phone,
                                                tags: text("tags") ?? "", note: text("note"),
                                                state: invited ? "invited" : "disabled", created: .string(now))
        customerList.append(customer)
        return FakeShopifyReply(status: .created, body: ["customer": customer])
    }
}
