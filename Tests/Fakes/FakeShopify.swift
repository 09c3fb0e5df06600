import Foundation
public import PatchbayClock
public import PatchbayWire

/// An in-memory Shopify store behind a faithful Admin REST API: the `X-Shopify-Access-Token`
/// header, `{"errors": …}` bodies, `page_info` cursor pagination in `Link` headers, and a
/// leaky-bucket rate limit reported in `X-Shopify-Shop-Api-Call-Limit`, so a client that works
/// here works against `https://{shop}.myshopify.com/admin/api/2024-10`. Tests can also make it
/// throttle or stall on demand.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeShopify: FakeProviderAPI, @unchecked Sendable {
    /// The Admin API access token the store accepts from the start.
    public static let sandboxToken = "shpat_sandbox0000000000000000000000"

    public let apiPath = "admin/api/2024-10"

    let lock = NSLock()
    var productList: [JSONValue] = FakeShopifySeed.products
    var orderList: [JSONValue] = FakeShopifySeed.orders
    var customerList: [JSONValue] = FakeShopifySeed.customers
    var bucket = FakeShopifyBucket()
    /// What the bucket leaks by.
    let clock: any HostClock
    var requestSerial = 0
    var throttled = 0

    /// Access tokens, throttling (429 with `Retry-After: <retryAfter>.0` and Shopify's
    /// "Exceeded 2 calls per second" body, as when the bucket overflows) and holds, and the
    /// requests received.
    public let controls = FakeControls<Void>(tokens: [FakeShopify.sandboxToken: ()])

    public init(clock: any HostClock = SystemClock()) {
        self.clock = clock
    }

    // MARK: Behaviour controls

    /// Fills the leaky bucket as a burst of calls would: the next call overflows it and is
    /// refused with 429 until the bucket has leaked enough.
    public func fillBucket() {
        lock.withLock { bucket.fill(now: clock.now) }
    }

    /// How many requests this store has refused with 429, its bucket's and `throttleNext`'s.
    public var throttledCount: Int {
        lock.withLock { throttled }
    }

    /// The store's products as Shopify returns them, by ascending id.
    public var products: [JSONValue] {
        lock.withLock { productList }
    }

    /// The store's orders as Shopify returns them, by ascending id.
    public var orders: [JSONValue] {
        lock.withLock { orderList }
    }

    /// The store's customers, those created through the API included, by ascending id.
    public var customers: [JSONValue] {
        lock.withLock { customerList }
    }

    /// The store itself, as `shop.json` returns it.
    public var shop: JSONValue { FakeShopifySeed.shop }
}
