import Foundation

/// An operator's command that prints the keyring, for keys kept in a secret manager
/// (`serve --master-key-command`): run with `/bin/sh -c`, its standard output is the keyring in
/// the format of `PATCHBAY_MASTER_KEY`, base64 keys separated by commas or new lines, the
/// active one first. Its standard error is the host's own, so the secret manager's complaints
/// reach the operator as it wrote them; what this reports itself never quotes the output.
public struct KeyCommand: Sendable, Equatable {
    public let command: String
    /// A command that has not finished by then is ended and counts as failed.
    public var timeout: Duration = .seconds(10)

    public init(_ command: String) {
        self.command = command
    }

    public func run() throws -> Keyring {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw VaultError.keyCommandFailed("could not be started: \(error.localizedDescription)")
        }
        // Read beside the wait, so a command that prints more than a pipe holds still finishes.
        let printed = Printed()
        let read = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            printed.data = output.fileHandleForReading.readDataToEndOfFile()
            read.signal()
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            throw VaultError.keyCommandFailed("did not finish within \(Int(seconds)) s")
        }
        guard process.terminationReason == .exit else {
            throw VaultError.keyCommandFailed("was ended by signal \(process.terminationStatus)")
        }
        guard process.terminationStatus == 0 else {
            throw VaultError.keyCommandFailed("exited with status \(process.terminationStatus)")
        }
        // A process it left behind may hold the pipe open; the keys were printed by now.
        guard read.wait(timeout: .now() + 1) == .success, let text = String(data: printed.data, encoding: .utf8) else {
            throw VaultError.keyCommandFailed("printed no keyring (its output did not end, or is not text)")
        }
        do {
            return try Keyring.parse(text)
        } catch let error as VaultError {
            throw VaultError.keyCommandFailed("printed no valid keyring: \(error)")
        }
    }

    // @unchecked: written on the reading queue before `read` is signalled, read only after waiting on it.
    private final class Printed: @unchecked Sendable {
        var data = Data()
    }
}
