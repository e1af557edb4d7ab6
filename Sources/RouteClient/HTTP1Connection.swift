import NIOCore
import NIOHTTP1

/// An open client connection: its channel and the handler that carries one request at a time.
final class HTTP1Connection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<HTTP1ExchangeHandler>

    init(channel: any Channel, handler: NIOLoopBound<HTTP1ExchangeHandler>) {
        self.channel = channel
        self.handler = handler
    }

    var isActive: Bool { channel.isActive }

    /// Sends one request and waits for its outcome: one hop onto the channel's event loop and
    /// one back, whatever the size of the answer.
    func execute(_ head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline) async -> HTTP1Outcome {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                channel.eventLoop.execute { [handler] in
                    handler.value.start(head: head, body: body, deadline: deadline) { continuation.resume(returning: $0) }
                }
            }
        } onCancel: {
            channel.eventLoop.execute { [handler] in handler.value.cancel() }
        }
    }

    func close() {
        channel.close(promise: nil)
    }
}
