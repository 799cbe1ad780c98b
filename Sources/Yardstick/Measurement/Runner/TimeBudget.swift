/// A benchmark's time limit and what it has used so far.
struct TimeBudget {
    let limit: UInt64
    var spent: UInt64

    /// Counts `nanoseconds` against the limit, throwing once it is exceeded.
    mutating func spend(_ nanoseconds: UInt64) throws(TimeLimitExceeded) {
        spent = spent.addingSaturating(nanoseconds)
        if spent > limit { throw TimeLimitExceeded() }
    }
}

/// The benchmark's own time ran out inside a round.
struct TimeLimitExceeded: Error {}
