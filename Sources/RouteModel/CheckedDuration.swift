extension Duration {
    /// `seconds` as a duration when it is a finite number within `range`, else `nil`: every
    /// number of seconds that a person or a server supplies goes through here, so that `inf`,
    /// `nan` or `1e30` become an error message instead of a trap.
    public static func checkedSeconds(_ seconds: Double, within range: ClosedRange<Double>) -> Duration? {
        guard seconds.isFinite, range.contains(seconds) else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension Duration {
    /// The duration in seconds, for arithmetic with wall-clock times.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
