import Hummingbird

extension Response {
    /// A JSON answer written as it is read: `head`, the items of every page joined by commas,
    /// then `tail`. `page` is given the cursor the previous page returned (`start` first) and
    /// returns `nil` when there is no more, so a list of 300,000 is never one buffer.
    static func streamedJSON<Cursor: Sendable>(
        head: String, tail: String, start: Cursor,
        page: @escaping @Sendable (Cursor) async throws -> (items: [String], next: Cursor)?
    ) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: head))
            var cursor = start
            var first = true
            while let (items, next) = try await page(cursor) {
                var buffer = ByteBuffer()
                for item in items {
                    if !first { buffer.writeString(",") }
                    first = false
                    buffer.writeString(item)
                }
                try await writer.write(buffer)
                cursor = next
            }
            try await writer.write(ByteBuffer(string: tail))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: body)
    }
}
