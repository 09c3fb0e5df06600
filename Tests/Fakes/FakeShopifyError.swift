import HTTPTypes
import PatchbayWire

/// An error answer of the fake Shopify API: a status and Shopify's `{"errors": …}` body,
/// where `errors` is a sentence or an object of per-field messages.
struct FakeShopifyError: Error {
    var status: HTTPResponse.Status
    var errors: JSONValue

    static let notFound = FakeShopifyError(status: .notFound, errors: "Not Found")

    static let invalidToken = FakeShopifyError(
        status: .unauthorized, errors: "[API] Invalid API key or access token (unrecognized login or wrong password)")

    static let throttled = FakeShopifyError(
        status: .tooManyRequests,
        errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.")

    static func badRequest(_ field: String, _ message: String) -> FakeShopifyError {
        FakeShopifyError(status: .badRequest, errors: [field: .string(message)])
    }

    /// 422 with every field's problems, e.g. `{"email": ["has already been taken"]}`.
    static func unprocessable(_ problems: [String: [String]]) -> FakeShopifyError {
        FakeShopifyError(status: .unprocessableContent,
                         errors: .object(problems.mapValues { .array($0.map(JSONValue.string)) }))
    }
}
