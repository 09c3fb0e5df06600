import ArgumentParser

@main
struct PatchbayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchbay",
        abstract: "An integrations host for AI agents: provider plugins, credentials, actions and executions.",
        subcommands: [ServeCommand.self, PluginsCommand.self, PluginCommand.self, KeysCommand.self, VaultCommand.self,
                      StoreCommand.self, ApplyCommand.self, ExportCommand.self])
}
