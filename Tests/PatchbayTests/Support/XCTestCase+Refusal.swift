import PatchbayWebhookSchemes
import XCTest

extension XCTestCase {
    /// The code a webhook verification refused with, or nil when it passed.
    func refusalCode(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let refusal as WebhookVerifier.Refusal {
            return refusal.code
        } catch {
            return "unexpected \(error)"
        }
    }
}
