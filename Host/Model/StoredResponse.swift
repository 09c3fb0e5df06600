public import Foundation

/// An HTTP answer as it was sent, kept to be sent again to a repeated request.
public struct StoredResponse: Sendable, Equatable {
    public var status: Int
    /// The headers that belong to the answer itself (its content type, `Retry-After`, …), by
    /// lowercase name; never credentials.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
