import Foundation

/// The plugin worker behind a shell script that waits at a gate the test opens: to hold a
/// worker's restart until the test lets it through, or to keep a worker's process running
/// after the plugin's own exit. The gate is a FIFO the test holds open, so a wait at it is a
/// read that blocks until `open()` writes a line, and ends when the test lets it go.
final class GatedWorker {
    /// The script, to load plugins with as the worker.
    let path: String
    /// The script's folder (`$(dirname "$0")` in it), where it may leave files for the test.
    let directory: String
    private let gate: Int32

    /// `body` gets the command that waits at the gate and the real worker's path, and returns
    /// the script after its `#!` line.
    init(_ body: (_ waitAtGate: String, _ worker: String) -> String) throws {
        directory = NSTemporaryDirectory() + "patchbay-gated-worker-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fifo = directory + "/gate"
        guard mkfifo(fifo, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        // Read and write: a FIFO opened so never blocks, and the script's read waits for a line.
        gate = Glibc.open(fifo, O_RDWR)
        path = directory + "/worker.sh"
        let script = "#!/bin/sh\n" + body("read line < '\(fifo)'", BuildProducts.directory + "/patchbay-plugin-worker") + "\n"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o700)
    }

    /// Lets one wait at the gate through.
    func open() {
        _ = "\n".withCString { write(gate, $0, 1) }
    }

    /// Closes the gate for good (a script still waiting at it goes on) and removes the files.
    func remove() {
        close(gate)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
