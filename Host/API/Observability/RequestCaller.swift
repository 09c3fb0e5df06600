import Foundation
import PatchbayServices

/// Who made a request, once the router has authenticated it. A reference, so the request log,
/// which runs outside the route and sees an earlier copy of the context, learns it too.
public final class RequestCaller: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Principal?

    init() {}

    var principal: Principal? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
