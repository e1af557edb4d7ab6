import Synchronization

/// The random numbers behind injected faults: SplitMix64, so a `--seed` replays the same fault
/// sequence. Every request takes the same number of draws in arrival order, whatever it turns
/// out to be, so the sequence does not depend on which endpoints were called.
final class FaultDice: Sendable {
    private let state: Mutex<UInt64>

    init(seed: UInt64?) {
        state = Mutex(seed ?? .random(in: .min ... .max))
    }

    /// `count` numbers in [0, 1).
    func roll(_ count: Int) -> [Double] {
        state.withLock { state in
            (0..<count).map { _ in
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                return Double(z >> 11) / Double(1 << 53)
            }
        }
    }
}
