/// The console's Mustache templates, kept in the source so the binary carries them: the frame,
/// the sign-in page, a message page, and one body per page (see `ConsolePage`).
enum ConsoleTemplates {
    static let all: [(name: String, text: String)] = [
        ("head", head), ("layout", layout), ("signin", signIn), ("message", message),
        ("catalog", catalog), ("connect", connect), ("connections", connections), ("connection", connection),
        ("executions", executions), ("execution", execution), ("agents", agents), ("agent", agent),
        ("webhooks", webhooks), ("event", event), ("plugins", plugins), ("keys", keys), ("oauth-result", oauthResult),
    ]
}
