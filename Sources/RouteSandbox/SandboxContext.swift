import Hummingbird
import NIOCore

/// What middleware learns about a request and handlers need: who is calling and which faults
/// were drawn for it. Also keeps the connection, so a fault can drop it.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// Set by the authentication middleware of each API.
    var account: SandboxAccount?

    /// Bodies over 1 MiB are refused with 413.
    var maxUploadSize: Int { 1 << 20 }

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// The authenticated account; routes that need one sit behind an authentication middleware,
    /// so its absence is a wiring mistake answered as 401 rather than a crash.
    func requireAccount() throws -> SandboxAccount {
        guard let account else { throw SandboxError.unauthorized }
        return account
    }
}
