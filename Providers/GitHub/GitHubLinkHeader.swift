import Foundation

/// GitHub's `link` header: `<https://api.github.com/user/repos?page=2>; rel="next", <…>; rel="last"`.
struct GitHubLinkHeader {
    /// URL by relation (`next`, `prev`, `first`, `last`).
    let urls: [String: String]

    init(_ header: String?) {
        var urls: [String: String] = [:]
        for part in (header ?? "").split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            for parameter in pieces.dropFirst() where parameter.hasPrefix("rel=") {
                let relations = parameter.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                for relation in relations.split(separator: " ") { urls[String(relation)] = String(target.dropFirst().dropLast()) }
            }
        }
        self.urls = urls
    }

    var next: String? { urls["next"] }

    /// The `page` query parameter of a link, which is what a caller passes to continue.
    static func pageNumber(in url: String) -> Int? {
        URLComponents(string: url)?.queryItems?.first { $0.name == "page" }?.value.flatMap(Int.init)
    }
}
