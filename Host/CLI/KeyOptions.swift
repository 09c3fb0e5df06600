import ArgumentParser
import Foundation
import PatchbayVault

/// Where the master keys come from, when not from the key file or `PATCHBAY_MASTER_KEY`.
struct KeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A command whose output is the master keyring: base64 keys, comma-separated, the active one first, as in PATCHBAY_MASTER_KEY (also PATCHBAY_MASTER_KEY_COMMAND). Run with /bin/sh at start, every 30 s while serving, and when a secret names a key the host lacks.",
        valueName: "command"))
    var masterKeyCommand: String?

    /// The process environment, with the flag standing for the variable.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let masterKeyCommand { environment[Keyring.commandVariable] = masterKeyCommand }
        return environment
    }
}
