import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its standard output and error piped. Foundation's
/// `Process.run()` on Linux reads `/proc/self/fd` with an over-read of each directory entry that
/// crashes now and then (fixed in swift-corelibs-foundation after Swift 6.3), and these tests
/// start hundreds of processes while others run.
final class SpawnedProcess: @unchecked Sendable {
    let pid: pid_t
    /// The child's standard output and error; its standard input, when asked for.
    let standardOutput: FileHandle
    let standardError: FileHandle
    let standardInput: FileHandle?
    private let lock = NSLock()
    private var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String], environment: [String: String], directory: String, input: Bool) throws {
        let output = try Self.pipe(), errors = try Self.pipe(), stdin = input ? try Self.pipe() : nil
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_adddup2(&actions, stdin.read, 0) } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        // Every other descriptor of this busy test process stays out of the child, or a reader
        // elsewhere would wait for this child to end before it sees the end of its own pipe.
        _ = Self.addCloseFrom(&actions, 3)
        _ = directory.withCString { Self.addChdir(&actions, $0) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let failed = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        for fd in [output.write, errors.write, stdin?.read].compactMap({ $0 }) { close(fd) }
        guard failed == 0 else {
            for fd in [output.read, errors.read, stdin?.write].compactMap({ $0 }) { close(fd) }
            throw POSIXError(POSIXErrorCode(rawValue: failed) ?? .EIO)
        }
        self.pid = pid
        standardOutput = FileHandle(fileDescriptor: output.read, closeOnDealloc: true)
        standardError = FileHandle(fileDescriptor: errors.read, closeOnDealloc: true)
        standardInput = stdin.map { FileHandle(fileDescriptor: $0.write, closeOnDealloc: true) }
    }

    var isRunning: Bool { reap(blocking: false) == nil }

    /// The exit status, or the signal that ended the child.
    var terminationStatus: Int32 { reap(blocking: true) ?? -1 }

    func waitUntilExit() { _ = reap(blocking: true) }

    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var reaped: pid_t
        repeat { reaped = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while reaped == -1 && errno == EINTR
        guard reaped == pid else { return nil }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
        return exitStatus
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    // glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which
    // Swift's Glibc module does not declare.
    private static let addCloseFrom = function("posix_spawn_file_actions_addclosefrom_np",
                                               as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    private static let addChdir = function("posix_spawn_file_actions_addchdir_np",
                                           as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)

    private static func function<F>(_ name: String, as type: F.Type) -> F {
        guard let symbol = dlsym(nil, name) else {  // RTLD_DEFAULT
            fatalError("\(name) is not in this C library: glibc 2.34 or later is needed")
        }
        return unsafeBitCast(symbol, to: type)
    }
}
