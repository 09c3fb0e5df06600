/// Label values the host's series share, kept to a few per kind whatever the accounts do.
public enum MetricLabels {
    /// A plugin's id as it is; every declarative connector as `connector`: accounts create
    /// connectors (`namespace.name`, the only provider ids with a dot) without limit, and each
    /// would add series of its own.
    public static func provider(_ id: String) -> String {
        id.contains(".") ? "connector" : id
    }

    /// An action's name, or `connector` for a connector's operations (see `provider`).
    public static func action(_ name: String, provider id: String) -> String {
        id.contains(".") ? "connector" : name
    }
}
