import Foundation
import GRDB
import PatchbayModel

extension StorageFault {
    /// The one place where SQLite's result codes for a disk that refuses work become a cause in
    /// words; nil for every other error. SQLite reports a write to a file system remounted
    /// read-only, or one that ran out of space while extending a file, as a plain I/O error,
    /// so the file system holding the database is asked which it is.
    init?(_ error: DatabaseError, path: String) {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_FULL:
            self.init(.diskFull, detail: detail)
        case .SQLITE_READONLY:
            self.init(.readOnly, detail: detail)
        case .SQLITE_IOERR, .SQLITE_CANTOPEN:
            var info = statvfs()
            let directory = (path as NSString).deletingLastPathComponent
            if statvfs(directory.isEmpty ? "." : directory, &info) == 0 {
                if info.f_flag & UInt(ST_RDONLY) != 0 {
                    self.init(.readOnly, detail: detail)
                    return
                }
                if info.f_bavail == 0 {
                    self.init(.diskFull, detail: detail)
                    return
                }
            }
            self.init(error.resultCode == .SQLITE_IOERR ? .ioError : .cannotOpen, detail: detail)
        default:
            return nil
        }
    }
}
