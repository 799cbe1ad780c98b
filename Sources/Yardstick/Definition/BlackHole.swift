/// Consumes a value so that the optimiser cannot delete the work that produced it.
///
/// The runner passes every result of a benchmark's body through this function; call it yourself
/// for intermediate values inside a body. The function is opaque to the optimiser: it is never
/// inlined and never optimised, so its argument must be computed.
@inline(never)
@_optimize(none)
public func blackHole<Value>(_ value: Value) {}

/// Returns its argument through a call the optimiser cannot see into.
///
/// A pure call with a constant argument is hoisted out of the timing loop and computed once;
/// wrapping the argument (`spin(opaque(5_000))`) makes the optimiser treat it as unknown on
/// every call, so the work happens every time.
@inline(never)
@_optimize(none)
public func opaque<Value>(_ value: Value) -> Value { value }
