/// What makes an issue a pull request on the fake GitHub: its branches and merge state.
/// GitHub numbers issues and pull requests in one sequence per repository.
public struct GitHubPullDetails: Sendable, Equatable {
    public var head: String
    public var base: String
    public var isDraft: Bool
    /// ISO 8601; nil while not merged.
    public var mergedAt: String?

    public init(head: String, base: String, isDraft: Bool = false, mergedAt: String? = nil) {
        self.head = head
        self.base = base
        self.isDraft = isDraft
        self.mergedAt = mergedAt
    }
}
