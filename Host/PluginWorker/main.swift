import Foundation
import Logging
import PatchbayPluginTelemetry
import PatchbayPlugins

// `patchbay-plugin-worker PLUGIN.so`: runs one plugin for a host that isolates it in its own process.
// Its log goes to stderr, where the host reads it line by line, at the host's level.
var logger = Logger(label: "patchbay.worker") { StreamLogHandler.standardError(label: $0) }
logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
PluginWorker.run(arguments: CommandLine.arguments, observer: PluginTelemetry(logger: logger))
