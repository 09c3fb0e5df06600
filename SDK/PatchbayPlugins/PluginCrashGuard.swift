// glibc's ucontext_t reaches Swift through the Dispatch overlay's C module, which therefore
// owns its members (`uc_mcontext`, `gregs`) for MemberImportVisibility.
import CDispatch
import Foundation

/// Ends the host at once, with one line naming the plugin, when a plugin loaded into this
/// process crashes it.
///
/// An in-process plugin shares the host's memory: after it faults nothing in the process can
/// be trusted, and waiting for a backtrace leaves every caller of every provider hanging. So a
/// fatal signal raised in a plugin's code writes one line and exits with status 70, for a
/// supervisor to restart the host. A crash that is not a plugin's keeps the handler that was
/// there before (the Swift runtime's backtrace).
///
/// The plugin is known from the crashing thread: the one whose call into the plugin was
/// running (set around every call into plugin code), else the one whose code holds the faulting
/// instruction or a return address in the thread's frame chain. The signal handler only reads
/// tables filled in beforehand and calls write(2) and _exit(2), which are async-signal-safe.
public enum PluginCrashGuard {
    /// The exit status of a host that a plugin crashed.
    public static let exitStatus: Int32 = 70

    struct Entry {
        var start: UInt
        var end: UInt
        var message: UnsafeMutablePointer<CChar>
        var length: Int
    }

    private static let capacity = 256
    private static let lock = NSLock()
    // The tables below are unsafe to the compiler because the signal handler reads them, and it
    // can take no lock: `register` fills an entry under `lock` before raising `count` past it,
    // so the handler only reads entries that are complete, and `previous` is filled once, as
    // the handler is installed.
    nonisolated(unsafe) static let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
    /// Entries below this index are complete; the handler reads no further.
    nonisolated(unsafe) static var count = 0
    static let current: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGFPE]
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    /// Installs the handler for the fatal signals; for the host process (a plugin worker keeps
    /// the default, so the host sees the signal its plugin died of).
    public static func install() {
        _ = current
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = handleFatalSignal
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// Records a loaded library's code addresses and the line to write if it crashes the host.
    /// Answers the plugin's slot, for `running`.
    static func register(pluginID: String, path: String, symbol: UnsafeRawPointer) -> Int? {
        let (start, end) = codeRange(of: symbol)
        let line = "patchbay: plugin \(pluginID) (\(path)) crashed the host with signal "
        return lock.withLock {
            guard count < capacity else { return nil }
            entries[count] = Entry(start: start, end: end, message: strdup(line), length: line.utf8.count)
            count += 1
            return count - 1
        }
    }

    /// Runs `body`, which calls into the plugin in `slot`, marked as that plugin's on this thread.
    static func running<Result>(_ slot: Int?, _ body: () throws -> Result) rethrows -> Result {
        guard let slot else { return try body() }
        _ = current
        let outer = pthread_getspecific(current)
        pthread_setspecific(current, UnsafeRawPointer(bitPattern: slot + 1))
        defer { pthread_setspecific(current, outer) }
        return try body()
    }

    /// The span of the executable mappings of the file that holds `symbol`, from /proc/self/maps.
    private static func codeRange(of symbol: UnsafeRawPointer) -> (UInt, UInt) {
        let address = UInt(bitPattern: symbol)
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return (0, 0) }
        // "start-end perms offset dev inode path"
        let lines = maps.split(separator: "\n").compactMap { line -> (UInt, UInt, Bool, String)? in
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6 else { return nil }
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard bounds.count == 2 else { return nil }
            return (bounds[0], bounds[1], fields[1].contains("x"), fields[5].trimmingCharacters(in: .whitespaces))
        }
        guard let file = lines.first(where: { $0.0 <= address && address < $0.1 })?.3 else { return (0, 0) }
        let code = lines.filter { $0.3 == file && $0.2 }
        return (code.map(\.0).min() ?? 0, code.map(\.1).max() ?? 0)
    }

    /// The plugin whose code the crashed thread was running, if any.
    fileprivate static func culprit(_ context: UnsafeMutableRawPointer?) -> Entry? {
        let known = count
        if let marked = pthread_getspecific(current) {
            let slot = Int(bitPattern: marked) - 1
            if slot >= 0, slot < known { return entries[slot] }
        }
        #if arch(x86_64)
        guard let context else { return nil }
        let registers = context.assumingMemoryBound(to: ucontext_t.self)
        // gregs[REG_RIP = 16] and gregs[REG_RBP = 10] (sys/ucontext.h).
        let (pc, framePointer) = withUnsafeBytes(of: &registers.pointee.uc_mcontext.gregs) { gregs in
            (UInt(bitPattern: Int(gregs.load(fromByteOffset: 16 * 8, as: Int64.self))),
             UInt(bitPattern: Int(gregs.load(fromByteOffset: 10 * 8, as: Int64.self))))
        }
        if let entry = entry(containing: pc, known) { return entry }
        // Return addresses up the frame chain, while it stays on this thread's stack (the
        // handler runs on it too, below the crashed frames): a bad pointer is not followed.
        var here = 0
        let stackLow = withUnsafeMutablePointer(to: &here) { UInt(bitPattern: $0) }
        var frame = framePointer
        for _ in 0..<64 {
            guard frame > stackLow, frame - stackLow < 8 << 20, frame % 8 == 0,
                  let pointer = UnsafePointer<UInt>(bitPattern: frame) else { return nil }
            if let entry = entry(containing: pointer[1], known) { return entry }
            guard pointer[0] > frame else { return nil }
            frame = pointer[0]
        }
        #endif
        return nil
    }

    private static func entry(containing address: UInt, _ known: Int) -> Entry? {
        for index in 0..<known where entries[index].start <= address && address < entries[index].end {
            return entries[index]
        }
        return nil
    }

    fileprivate static func name(of signal: Int32) -> StaticString {
        switch signal {
        case SIGSEGV: return "SIGSEGV (invalid memory access)"
        case SIGBUS: return "SIGBUS (bus error)"
        case SIGILL: return "SIGILL (illegal instruction, e.g. a Swift runtime trap)"
        case SIGABRT: return "SIGABRT (abort)"
        case SIGTRAP: return "SIGTRAP (trap)"
        default: return "SIGFPE (arithmetic error)"
        }
    }
}

private func handleFatalSignal(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if let entry = PluginCrashGuard.culprit(context) {
        let name = PluginCrashGuard.name(of: signal)
        let tail: StaticString = "; exiting at once (status 70). Run plugins you do not trust with --isolate.\n"
        _ = write(2, entry.message, entry.length)
        _ = write(2, name.utf8Start, name.utf8CodeUnitCount)
        _ = write(2, tail.utf8Start, tail.utf8CodeUnitCount)
        _exit(PluginCrashGuard.exitStatus)
    }
    // Not a plugin's crash: hand it to the handler that was there before. A fault re-runs the
    // faulting instruction on return; a signal sent by a process (kill, abort) is sent again.
    sigaction(signal, PluginCrashGuard.previous + Int(signal), nil)
    if (info?.pointee.si_code ?? 0) <= 0 { raise(signal) }
}
