import PatchbaySDK

/// The objects a Slack connection exposes, for discovery and field bindings.
enum SlackSchema {
    static func schema(workspace: String) -> DiscoveredSchema {
        DiscoveredSchema(
            objects: [
                SchemaObject(name: "channel", description: "A conversation in \(workspace).", fields: [
                    SchemaField(name: "id", type: "string", description: "Channel id.", primaryKey: true),
                    SchemaField(name: "name", type: "string", description: "Name without #."),
                    SchemaField(name: "is_private", type: "boolean", description: "Private channel."),
                    SchemaField(name: "is_archived", type: "boolean", description: "Archived."),
                    SchemaField(name: "num_members", type: "integer", nullable: true, description: "Member count."),
                    SchemaField(name: "topic", type: "string", nullable: true, description: "Channel topic."),
                ]),
                SchemaObject(name: "user", description: "A member of \(workspace).", fields: [
                    SchemaField(name: "id", type: "string", description: "User id.", primaryKey: true),
                    SchemaField(name: "name", type: "string", description: "Handle."),
                    SchemaField(name: "real_name", type: "string", nullable: true, description: "Full name."),
                    SchemaField(name: "is_bot", type: "boolean", description: "Bot user."),
                    SchemaField(name: "deleted", type: "boolean", description: "Deactivated."),
                    SchemaField(name: "tz", type: "string", nullable: true, description: "Time zone."),
                ]),
                SchemaObject(name: "message", description: "A message posted in a channel.", fields: [
                    SchemaField(name: "ts", type: "string", description: "Timestamp id, unique in its channel.", primaryKey: true),
                    SchemaField(name: "channel", type: "string", description: "Channel id."),
                    SchemaField(name: "user", type: "string", nullable: true, description: "Author's user id."),
                    SchemaField(name: "text", type: "string", description: "Text in mrkdwn."),
                    SchemaField(name: "thread_ts", type: "string", nullable: true, description: "Parent message ts in a thread."),
                ]),
            ],
            relationships: [
                SchemaRelationship(from: "message", to: "channel", cardinality: .manyToOne, fromFields: ["channel"], toFields: ["id"]),
                SchemaRelationship(from: "message", to: "user", cardinality: .manyToOne, fromFields: ["user"], toFields: ["id"]),
                SchemaRelationship(from: "message", to: "message", cardinality: .manyToOne, fromFields: ["thread_ts"], toFields: ["ts"]),
            ],
            operations: [
                SchemaOperation(object: "channel", kind: .list, action: "list_channels", description: "List channels."),
                SchemaOperation(object: "user", kind: .list, action: "list_users", description: "List members."),
                SchemaOperation(object: "message", kind: .create, action: "post_message", description: "Post a message."),
            ])
    }
}
