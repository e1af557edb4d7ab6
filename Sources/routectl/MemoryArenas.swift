#if canImport(Glibc)
import Glibc
#endif

/// glibc gives threads that allocate at once arenas of their own, up to eight per core, and
/// keeps what is freed in each. Over a long import the concurrency pool's and NIO's threads
/// spread small allocations over many arenas, and the resident size creeps with the row count
/// (84 MB after 500,000 rows where 20,000 peak at 61). Two arenas keep it flat.
enum MemoryArenas {
    static func limit() {
        #if canImport(Glibc)
        // `mallopt` is in <malloc.h>, which the Glibc module does not bring in.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let arenaMaximum: Int32 = -8  // M_ARENA_MAX
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMaximum, 2)
        #endif
    }
}
