import PatchbayWire

/// When the host may send a request again by itself: never when that could repeat a side
/// effect. Only a 429 or a 503 is retried, and only if the method is idempotent or the answer
/// says the request was not processed: a 429 always does, a 503 does when it carries `Retry-After`.
enum RetryRule {
    static let idempotentMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]

    static func allowsRetry(of method: String, after response: HTTPResponseMessage) -> Bool {
        guard response.error == nil else { return false }
        switch response.status {
        case 429: return true
        case 503: return idempotentMethods.contains(method.uppercased()) || response.headers["retry-after"] != nil
        default: return false
        }
    }
}
