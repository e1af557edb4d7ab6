import Hummingbird

extension RouterMethods where Context == SandboxContext {
    /// Answers 405 with `Allow` for the methods `path` does not serve, where a plain router would
    /// answer 404: the path exists, the method is wrong.
    @discardableResult
    func refuseMethods(_ path: RouterPath, allowing allowed: [HTTPRequest.Method]) -> Self {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options]
        for method in methods where !allowed.contains(method) {
            on(path, method: method) { _, _ -> Response in throw SandboxError.methodNotAllowed(allowed: allowed) }
        }
        return self
    }
}
