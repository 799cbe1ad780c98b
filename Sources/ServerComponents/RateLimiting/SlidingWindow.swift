/// The sliding-window-counter arithmetic: units counted in the current fixed window and the
/// previous one, the previous count weighted by how much of it the sliding window still
/// covers.
@usableFromInline
struct SlidingWindow: RateLimitPolicy {
    @usableFromInline let limit: Int
    @usableFromInline let window: UInt64
    /// Two windows: after that long idle, a key's counts no longer matter.
    @usableFromInline let idleAfter: UInt64

    init(limit: Int, window: UInt64) {
        self.limit = limit
        self.window = window
        self.idleAfter = window.multipliedReportingOverflow(by: 2).overflow ? .max : window * 2
    }

    /// A key's counts: units in the fixed window starting at `start`, and in the one before.
    @usableFromInline
    struct State {
        @usableFromInline var start: UInt64
        @usableFromInline var current = 0
        @usableFromInline var previous = 0

        @inlinable
        init(start: UInt64) {
            self.start = start
        }
    }

    @inlinable
    func initialState(at now: UInt64) -> State {
        State(start: now - now % window)
    }

    @inlinable
    func decide(_ state: inout State, cost: Int, at now: UInt64) -> Bool {
        advance(&state, to: now)
        // Another thread may have read a later tick, and moved the window, first.
        let elapsed = Double(now.nanoseconds(since: state.start)) / Double(window)
        let estimate = Double(state.previous) * (1 - elapsed) + Double(state.current)
        guard estimate + Double(cost) <= Double(limit) else { return false }
        state.current &+= cost
        return true
    }

    @inlinable
    func isIdle(_ state: State, at now: UInt64) -> Bool {
        now.nanoseconds(since: state.start) >= idleAfter
    }

    /// Moves the windows forward so that `now` falls in the current one.
    @inlinable
    func advance(_ state: inout State, to now: UInt64) {
        let elapsed = now.nanoseconds(since: state.start)
        guard elapsed >= window else { return }
        state.previous = elapsed / 2 >= window ? 0 : state.current
        state.current = 0
        state.start = now - now % window
    }
}
