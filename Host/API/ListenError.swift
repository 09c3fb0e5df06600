import Foundation
import NIOCore

/// Why the server could not listen on the address it was given, in words an operator can act
/// on, recognised from the socket error NIO reports when binding.
public struct ListenError: Error, CustomStringConvertible {
    public let description: String

    /// Nil when `error` is not a failure to bind `host`:`port`.
    public init?(_ error: any Error, host: String, port: Int) {
        let address = "\(host):\(port)"
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE:
                description = "cannot listen on \(address): address already in use (another process has the port; pick another with --port)"
            case EADDRNOTAVAIL:
                description = "cannot listen on \(address): \(host) is not an address of this machine (--host)"
            case EACCES:
                description = "cannot listen on \(address): permission denied (ports below 1024 need privileges)"
            default:
                description = "cannot listen on \(address): \(String(cString: strerror(error.errnoCode)).lowercased())"
            }
            return
        }
        if let error = error as? SocketAddressError.UnknownHost {
            description = "cannot listen on \(address): the host name \(host) does not resolve (\(error.errorDescription.lowercased()); --host)"
            return
        }
        return nil
    }
}
