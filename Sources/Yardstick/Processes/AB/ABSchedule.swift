/// The order in which a side-by-side comparison runs its base and head processes.
///
/// Processes run in blocks of four, each either base-head-head-base (ABBA) or its mirror
/// (BAAB), chosen at random. Every block holds two processes of each side, at positions whose
/// means are equal, so a drift of the machine that is linear over a block lands on both sides
/// alike; choosing the pattern at random keeps a machine state that recurs with the schedule's
/// own rhythm (a neighbour's periodic job) from lining up with one side. An odd count per side
/// ends with one pair, AB or BA at random.
///
/// The seed fixes the order, so a run can be repeated exactly, and is recorded with the results.
public struct ABSchedule: Sendable, Hashable, Codable {
    /// The seed the order was drawn from.
    public var seed: UInt64
    /// The side of each process, in the order they run.
    public var sides: [ABSide]

    /// A schedule of `processesPerSide` processes of each side.
    ///
    /// - Precondition: `processesPerSide` is at least 1.
    public init(processesPerSide: Int, seed: UInt64) {
        precondition(processesPerSide >= 1, "a schedule needs at least one process per side")
        var generator = SplitMix64(seed: seed)
        var sides: [ABSide] = []
        sides.reserveCapacity(2 * processesPerSide)
        for _ in 0..<(processesPerSide / 2) {
            let first: ABSide = Bool.random(using: &generator) ? .base : .head
            sides += [first, first.other, first.other, first]
        }
        if processesPerSide % 2 == 1 {
            let first: ABSide = Bool.random(using: &generator) ? .base : .head
            sides += [first, first.other]
        }
        self.seed = seed
        self.sides = sides
    }

    /// How many processes each side runs.
    public var processesPerSide: Int { sides.count / 2 }

    /// For each process in run order, its index among its own side's processes (0 for the
    /// first base process and for the first head process).
    public var indicesWithinSide: [Int] {
        var next: [ABSide: Int] = [.base: 0, .head: 0]
        return sides.map { side in
            defer { next[side, default: 0] += 1 }
            return next[side, default: 0]
        }
    }
}
