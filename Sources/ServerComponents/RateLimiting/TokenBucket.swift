/// The token-bucket arithmetic: a bucket holds up to `capacity` tokens and refills
/// continuously at `refillRate` a second; a decision spends tokens if there are enough.
@usableFromInline
struct TokenBucket: RateLimitPolicy {
    @usableFromInline let capacity: Double
    @usableFromInline let refillRate: Double
    /// Nanoseconds a bucket takes to refill from empty: after that long idle, it is full, and
    /// a new bucket would decide the same.
    @usableFromInline let idleAfter: UInt64

    init(capacity: Int, refillRate: Double) {
        self.capacity = Double(capacity)
        self.refillRate = refillRate
        let refill = (Double(capacity) / refillRate * 1e9).rounded(.up)
        // A bucket that takes longer than UInt64 nanoseconds to refill is never idle.
        self.idleAfter = refill < Double(UInt64.max) ? UInt64(refill) : .max
    }

    /// A bucket's tokens as of `updated` (monotonic nanoseconds).
    @usableFromInline
    struct State {
        @usableFromInline var tokens: Double
        @usableFromInline var updated: UInt64

        @inlinable
        init(tokens: Double, updated: UInt64) {
            self.tokens = tokens
            self.updated = updated
        }
    }

    @inlinable
    func initialState(at now: UInt64) -> State {
        State(tokens: capacity, updated: now)
    }

    @inlinable
    func decide(_ state: inout State, cost: Int, at now: UInt64) -> Bool {
        // Another thread may have read a later tick and decided first: time never runs
        // backwards for a bucket.
        let elapsed = Double(now.nanoseconds(since: state.updated)) / 1e9
        state.tokens = min(capacity, state.tokens + elapsed * refillRate)
        state.updated = max(state.updated, now)
        guard state.tokens >= Double(cost) else { return false }
        state.tokens -= Double(cost)
        return true
    }

    @inlinable
    func isIdle(_ state: State, at now: UInt64) -> Bool {
        now.nanoseconds(since: state.updated) >= idleAfter
    }
}
