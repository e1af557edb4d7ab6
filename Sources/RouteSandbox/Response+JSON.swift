import Hummingbird

extension Response {
    /// A JSON answer; `text` is already serialized (stored bodies are sent as they are).
    static func json(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
