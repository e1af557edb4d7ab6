import NIOCore
import NIOPosix

/// One of the shared event loops, as an executor for tasks: tasks that send requests run on
/// the thread that owns their connections (`HTTP1Client` opens a connection on the loop of the
/// task that asks for it), so an answer reaches its task, and the next request its socket,
/// without a switch of thread (an eighth less CPU per imported row, measured on two cores).
///
/// Only for work that does not block: a task on a loop holds up every connection of that loop.
public final class RequestLoop: TaskExecutor {
    private let eventLoop: any EventLoop

    /// The next loop of the shared group.
    public init() {
        eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
