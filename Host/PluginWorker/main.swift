import PatchbayPlugins

// `patchbay-plugin-worker PLUGIN.so`: runs one plugin for a host that isolates it in its own process.
PluginWorker.run(arguments: CommandLine.arguments)
