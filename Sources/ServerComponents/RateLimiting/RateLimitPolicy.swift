/// The arithmetic of one kind of limiter, over the state it keeps per key: how a key starts,
/// how a decision changes it, and when it is idle enough to forget. ``KeyedShards`` applies a
/// policy to many keys under locks; the policy itself is a plain value, tested on its own.
@usableFromInline
protocol RateLimitPolicy: Sendable {
    associatedtype State

    /// The state of a key seen for the first time at `now` (monotonic nanoseconds).
    func initialState(at now: UInt64) -> State

    /// Whether `cost` units may be spent at `now`; when they may, spends them.
    func decide(_ state: inout State, cost: Int, at now: UInt64) -> Bool

    /// Whether forgetting the key at `now` would change no later decision.
    func isIdle(_ state: State, at now: UInt64) -> Bool
}
