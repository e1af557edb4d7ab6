import Hummingbird

extension Request {
    /// An optional whole-number query parameter within `range`; out of range or not a number is
    /// a 400 naming the parameter.
    func queryInteger(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            throw SandboxError(.badRequest, detail: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }
}
