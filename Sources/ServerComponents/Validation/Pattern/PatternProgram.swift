/// A pattern compiled for a Thompson-style simulation: a list of instructions in which threads
/// advance together, one scalar of the input at a time, so matching takes time proportional to
/// the input's length times the program's, whatever the pattern and the input.
struct PatternProgram: Hashable, Sendable {
    enum Instruction: Hashable, Sendable {
        /// Consumes a scalar in the set at `sets[index]`, or the thread dies.
        case scalar(setIndex: Int)
        /// Continues at both targets.
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case assertWordBoundary(negated: Bool)
        case match
    }

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [ScalarSet] = []
    /// Whether a match can only begin at the start of the input.
    let isAnchoredAtStart: Bool

    /// The most instructions a program may have: repetitions are compiled by copying their body,
    /// so `(\w{1000}){1000}` would otherwise take a million.
    static let instructionLimit = 20_000

    init(_ syntax: PatternSyntax, source: String) throws(PatternError) {
        isAnchoredAtStart = syntax.isAnchoredAtStart
        try emit(syntax, source: source)
        instructions.append(.match)
    }

    private mutating func emit(_ syntax: PatternSyntax, source: String) throws(PatternError) {
        guard instructions.count < Self.instructionLimit else {
            throw PatternError(pattern: source, offset: 0, reason: "the pattern compiles to more than \(Self.instructionLimit) instructions")
        }
        switch syntax {
        case .empty:
            break
        case .scalars(let set):
            if let existing = sets.firstIndex(of: set) {
                instructions.append(.scalar(setIndex: existing))
            } else {
                sets.append(set)
                instructions.append(.scalar(setIndex: sets.count - 1))
            }
        case .start:
            instructions.append(.assertStart)
        case .end:
            instructions.append(.assertEnd)
        case .wordBoundary(let negated):
            instructions.append(.assertWordBoundary(negated: negated))
        case .concatenation(let parts):
            for part in parts { try emit(part, source: source) }
        case .alternation(let alternatives):
            // split(a, next) a jump(end) split(b, next) b jump(end) … last
            var jumps: [Int] = []
            for alternative in alternatives.dropLast() {
                let split = instructions.count
                instructions.append(.split(split + 1, -1))
                try emit(alternative, source: source)
                jumps.append(instructions.count)
                instructions.append(.jump(-1))
                instructions[split] = .split(split + 1, instructions.count)
            }
            try emit(alternatives[alternatives.count - 1], source: source)
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .repetition(let body, let minimum, let maximum):
            for _ in 0..<minimum { try emit(body, source: source) }
            if let maximum {
                // Each optional copy may be skipped, and skipping one skips the rest.
                var skips: [Int] = []
                for _ in minimum..<maximum {
                    skips.append(instructions.count)
                    instructions.append(.split(instructions.count + 1, -1))
                    try emit(body, source: source)
                }
                for skip in skips { instructions[skip] = .split(skip + 1, instructions.count) }
            } else {
                // loop: split(body, exit) body jump(loop)
                let loop = instructions.count
                instructions.append(.split(loop + 1, -1))
                try emit(body, source: source)
                instructions.append(.jump(loop))
                instructions[loop] = .split(loop + 1, instructions.count)
            }
        }
    }
}
