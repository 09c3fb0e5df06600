import Foundation
import PatchbayWire

extension FakeShopify {
    /// `products.json`: every product by ascending id, filtered by exact `status`, `vendor`,
    /// `product_type`, `title` or a comma-separated `ids`. Called with the lock held.
    func listProducts(_ call: Call) throws -> FakeShopifyReply {
        try listPage(call, key: "products", records: productList) { filters, product in
            for name in ["status", "vendor", "product_type", "title"] {
                if let wanted = filters[name], product[name]?.stringValue != wanted { return false }
            }
            if let ids = filters["ids"] {
                let wanted = ids.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                return wanted.contains(product["id"]?.intValue ?? 0)
            }
            return true
        }
    }
}
