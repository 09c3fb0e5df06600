/// A `serve` setting given as a flag or as an environment variable: the flag wins, and an empty
/// variable counts as not given. `source` names what the operator wrote, for an error message.
struct GivenSetting {
    let raw: String
    let source: String

    /// Nil when neither the flag nor the variable gives a value.
    init?(flag: String, _ value: String?, variable: String, in environment: [String: String]) {
        if let value {
            (raw, source) = (value, flag)
        } else if let fromEnvironment = environment[variable], !fromEnvironment.isEmpty {
            (raw, source) = (fromEnvironment, variable)
        } else {
            return nil
        }
    }
}
