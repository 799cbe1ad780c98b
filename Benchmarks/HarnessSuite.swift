import Foundation
import Yardstick

/// Measures the harness itself, so every run shows its overhead, its linearity and how noisy the
/// machine is:
/// - `empty`: a body that does nothing; its time per call is the harness's own cost per call.
/// - `arithmetic.1x` and `arithmetic.2x`: the same dependent chain of integer operations at two
///   lengths; their ratio should read 2.00, and a ratio far from it means overhead or
///   non-linearity is distorting the figures.
/// - `dictionary`: 1,000 lookups in a 4,000-entry `Dictionary`: memory-bound work, which on a
///   shared virtual machine switches between speed levels far apart, between processes and
///   within one; its round medians show how such noise looks.
/// - `reference.spin`: the same chain as `arithmetic.1x` at its fixed length, in a copy of its
///   own and untouched by ``Slowdown``: the suite's negative control for `bench ab`. A process
///   that runs wholly slow slows it as much as the others, so their ratios to it see through that.
///
/// ``Slowdown`` lengthens both arithmetic benchmarks and `dictionary`, to inject a known
/// regression and check that the gate finds it.
public let harnessSuite = Suite("harness", configuration: .init(tags: ["harness"])) {
    Benchmark("empty", configuration: .init(iterations: 1_000_000, budgets: [.allocations(perCall: 0)])) { _ in }

    Benchmark("arithmetic.1x") { _ in
        spin(opaque(HarnessWorkload.spinSteps))
    }
    Benchmark("arithmetic.2x") { _ in
        spin(opaque(2 * HarnessWorkload.spinSteps))
    }
    Benchmark("reference.spin", configuration: .init(iterations: 500, isControl: true)) { _ in
        referenceSpin(opaque(HarnessWorkload.referenceSpinSteps))
    }

    Benchmark("dictionary", setUp: HarnessWorkload.makeLookupTable) { table, _ in
        var sum = 0
        for key in table.keys {
            sum &+= table.dictionary[key] ?? 0
        }
        return sum
    }
}

enum HarnessWorkload {
    /// Steps of ``spin(_:)`` in `arithmetic.1x`: about 10 microseconds on a 2020s x86_64 core,
    /// times the ``Slowdown`` factor.
    static let spinSteps = Slowdown.scaled(referenceSpinSteps)

    /// Steps of ``spin(_:)`` in `reference.spin`, whatever the slowdown.
    static let referenceSpinSteps = 5_000

    struct LookupTable: Sendable {
        var dictionary: [Int: Int]
        var keys: [Int]
    }

    /// A 4,000-entry dictionary and 1,000 keys (times the ``Slowdown`` factor) spread over it by
    /// a multiplicative hash, so that successive lookups touch unrelated buckets.
    @Sendable static func makeLookupTable() -> LookupTable {
        let size = 4_000
        var dictionary = [Int: Int](minimumCapacity: size)
        for key in 0..<size { dictionary[key] = key &* 7 }
        let keys = (0..<Slowdown.scaled(1_000)).map { ($0 &* 2_654_435_761) % size }
        return LookupTable(dictionary: dictionary, keys: keys)
    }
}

/// A dependent chain of multiply, add and shift-xor steps: pure arithmetic that neither the
/// optimiser nor the processor can shorten, with a cost linear in `steps`.
@inline(never)
func spin(_ steps: Int) -> UInt64 {
    var x = UInt64(truncatingIfNeeded: steps)
    for _ in 0..<steps {
        x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        x ^= x >> 29
    }
    return x
}

/// The control's own copy of ``spin(_:)``: a control must share no code with what it
/// controls, or a change to that code would move both and read as a layout shift.
@inline(never)
func referenceSpin(_ steps: Int) -> UInt64 {
    var x = UInt64(truncatingIfNeeded: steps)
    for _ in 0..<steps {
        x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        x ^= x >> 29
    }
    return x
}
