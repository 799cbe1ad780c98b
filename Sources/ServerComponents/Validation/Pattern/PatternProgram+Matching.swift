extension PatternProgram {
    /// Whether the program matches anywhere in `string` (a search, as ECMAScript's `test`).
    ///
    /// The live threads are kept in two sparse sets of instruction indices, one for the current
    /// position and one for the next, held in scratch memory on the stack: a match allocates
    /// nothing.
    ///
    /// - Complexity: O(*n* × *m*) for *n* scalars in `string` and *m* instructions.
    func matches(_ string: String) -> Bool {
        let count = instructions.count
        // Per list: `count` dense entries and `count` sparse entries; then a work stack.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 5 * count) { scratch in
            scratch.initialize(repeating: 0)
            var current = ThreadList(dense: scratch.baseAddress!, sparse: scratch.baseAddress! + count)
            var next = ThreadList(dense: scratch.baseAddress! + 2 * count, sparse: scratch.baseAddress! + 3 * count)
            let stack = scratch.baseAddress! + 4 * count

            var scalars = string.unicodeScalars.makeIterator()
            var previous: Unicode.Scalar?
            var scalar = scalars.next()
            var isFirst = true
            while true {
                let position = Position(previous: previous, next: scalar, isStart: isFirst)
                if isFirst || !isAnchoredAtStart {
                    if addThread(at: 0, to: &current, at: position, stack: stack) { return true }
                }
                guard let consumed = scalar else { return false }
                if current.count == 0, isAnchoredAtStart { return false }
                previous = consumed
                scalar = scalars.next()
                isFirst = false
                let following = Position(previous: previous, next: scalar, isStart: false)
                next.removeAll()
                for index in 0..<current.count {
                    let pc = Int(current.dense[index])
                    guard case .scalar(let setIndex) = instructions[pc], sets[setIndex].contains(consumed) else { continue }
                    if addThread(at: pc + 1, to: &next, at: following, stack: stack) { return true }
                }
                swap(&current, &next)
            }
        }
    }

    /// Where the threads stand: between `previous` and `next`, which are nil at the ends.
    private struct Position {
        var previous: Unicode.Scalar?
        var next: Unicode.Scalar?
        var isStart: Bool

        var isAtWordBoundary: Bool {
            let before = previous.map(ScalarSet.wordCharacters.contains) ?? false
            let after = next.map(ScalarSet.wordCharacters.contains) ?? false
            return before != after
        }
    }

    /// A sparse set of instruction indices: O(1) insertion, membership and clearing.
    private struct ThreadList {
        let dense: UnsafeMutablePointer<Int32>
        let sparse: UnsafeMutablePointer<Int32>
        var count = 0

        func contains(_ pc: Int) -> Bool {
            let slot = Int(sparse[pc])
            return slot < count && dense[slot] == Int32(pc)
        }

        mutating func insert(_ pc: Int) {
            sparse[pc] = Int32(count)
            dense[count] = Int32(pc)
            count += 1
        }

        mutating func removeAll() {
            count = 0
        }
    }

    /// Adds the thread at `pc` and every thread it reaches without consuming a scalar; returns
    /// whether one of them is a match.
    private func addThread(at pc: Int, to list: inout ThreadList, at position: Position, stack: UnsafeMutablePointer<Int32>) -> Bool {
        guard !list.contains(pc) else { return false }
        list.insert(pc)
        stack[0] = Int32(pc)
        var depth = 1
        // Each instruction enters the list once, when it is pushed, so the stack never holds
        // more than there are instructions.
        func push(_ target: Int) {
            guard !list.contains(target) else { return }
            list.insert(target)
            stack[depth] = Int32(target)
            depth += 1
        }
        while depth > 0 {
            depth -= 1
            let pc = Int(stack[depth])
            switch instructions[pc] {
            case .match:
                return true
            case .scalar:
                break
            case .jump(let target):
                push(target)
            case .split(let first, let second):
                push(second)
                push(first)
            case .assertStart:
                if position.isStart { push(pc + 1) }
            case .assertEnd:
                if position.next == nil { push(pc + 1) }
            case .assertWordBoundary(let negated):
                if position.isAtWordBoundary != negated { push(pc + 1) }
            }
        }
        return false
    }
}
