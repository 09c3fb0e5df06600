/// The connector operation name of a document's operation: its `operationId`, or else its
/// method and path, in the form operation names take (`^[a-z][a-z0-9_]*$`, at most 64
/// characters). `getPetById` is `get_pet_by_id`; `repos/get-content` is `repos_get_content`;
/// `GET /pets/{petId}` without an id is `get_pets_pet_id`.
enum OpenAPIOperationName {
    static let maxLength = 64

    static func make(operationID: String?, method: String, path: String) -> String {
        let source = operationID.flatMap { $0.isEmpty ? nil : $0 } ?? "\(method) \(path)"
        var words = ""
        var previous: Character?
        for character in source {
            // A capital after a lower-case letter or a digit starts a word: camelCase becomes snake_case.
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { words.append("_") }
            words.append(character)
            previous = character
        }
        var name = ""
        for character in words.lowercased() {
            let keep = character.isASCII && (character.isLetter || character.isNumber)
            if keep {
                name.append(character)
            } else if !name.isEmpty, name.last != "_" {
                name.append("_")
            }
        }
        while name.last == "_" { name.removeLast() }
        if name.isEmpty { name = "operation" }
        if !(name.first?.isLetter ?? false) { name = "op_" + name }
        if name.count > maxLength {
            name = String(name.prefix(maxLength))
            while name.last == "_" { name.removeLast() }
        }
        return name
    }
}
