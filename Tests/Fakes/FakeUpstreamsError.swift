/// Why `FakeUpstreams.start` could not hand back a running server.
public enum FakeUpstreamsError: Error, CustomStringConvertible {
    /// The server finished before it ever listened (for example, the port was taken).
    case stoppedBeforeListening
    /// The server listens, but its address has no port.
    case noPort

    public var description: String {
        switch self {
        case .stoppedBeforeListening: return "the fake upstreams server stopped before it was listening"
        case .noPort: return "the fake upstreams server is listening on an address without a port"
        }
    }
}
