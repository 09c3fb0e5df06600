/// A command that cannot go on, with the reason for the operator (printed without usage help:
/// the command line was right, the situation is not).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}
