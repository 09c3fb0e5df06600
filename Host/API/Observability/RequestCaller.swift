import Foundation
import PatchbayServices
import Synchronization

/// Who made a request, once the router has authenticated it. A reference, so the request log,
/// which runs outside the route and sees an earlier copy of the context, learns it too.
public final class RequestCaller: Sendable {
    private let stored = Mutex<Principal?>(nil)

    init() {}

    var principal: Principal? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
