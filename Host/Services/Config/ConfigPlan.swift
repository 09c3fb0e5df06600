/// What applying a configuration file does, object by object: created, updated (with the
/// fields that change) or unchanged. A dry run computes it and writes nothing.
public struct ConfigPlan: Sendable, Equatable {
    public enum Action: String, Sendable {
        case create, update, unchanged
    }

    public struct Step: Sendable, Equatable {
        /// `account`, `connector`, `oauth app`, `connection` or `agent`.
        public var kind: String
        public var name: String
        public var action: Action
        /// The fields that change, for an update; never their values.
        public var changes: [String]
    }

    public var steps: [Step] = []
    public var dryRun: Bool

    public var changesAnything: Bool { steps.contains { $0.action != .unchanged } }

    public func count(_ action: Action) -> Int { steps.filter { $0.action == action }.count }

    mutating func add(_ kind: String, _ name: String, _ action: Action, changes: [String] = []) {
        steps.append(Step(kind: kind, name: name, action: action, changes: action == .update ? changes : []))
    }

    /// One line per object, then a summary that says when nothing changes.
    public var rendered: String {
        var lines = steps.map { step in
            "\(step.kind) \(step.name): \(step.action.rawValue)" + (step.changes.isEmpty ? "" : " (\(step.changes.joined(separator: ", ")))")
        }
        if !changesAnything {
            lines.append("nothing to change: \(count(.unchanged)) unchanged")
        } else {
            lines.append(dryRun
                ? "\(count(.create)) to create, \(count(.update)) to update, \(count(.unchanged)) unchanged (dry run: nothing was written)"
                : "\(count(.create)) created, \(count(.update)) updated, \(count(.unchanged)) unchanged")
        }
        return lines.joined(separator: "\n")
    }
}
