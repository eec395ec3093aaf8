/// A regular expression for `--where 'field ~ /…/'` that matches in time linear in the text: a
/// Thompson NFA run as a Pike VM (every state advanced in lock step, one step per character), so
/// no pattern can make a match backtrack exponentially (`/^(a+)+$/` against `aaaa…a!` answers at
/// once instead of after minutes).
///
/// The syntax (docs/CHECK.md, *Regular expressions*), on Unicode scalars:
/// - literals; `.` (any character but a newline); `\` before a punctuation character makes it
///   literal (`\.`, `\/`, `\\`, `\(`); `\t`, `\n`, `\r`;
/// - classes `[abc]`, `[a-z0-9_]`, `[^…]`, and `\d`, `\w`, `\s` (ASCII digits, word characters,
///   whitespace) with their negations `\D`, `\W`, `\S`, also inside brackets;
/// - anchors `^` and `$` (start and end of the value), word boundaries `\b` and `\B`;
/// - groups `(…)` and `(?:…)`, alternation `|`;
/// - quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (n and m at most 1,000), each optionally
///   lazy (`*?`: the same matches, as only whether a match exists counts).
///
/// Backreferences (`\1`), lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`), possessive quantifiers and
/// other constructs need backtracking and are refused with an error naming them. A pattern whose
/// program would exceed ``maxProgramSize`` instructions (through counted repetition) is refused.
/// The search is unanchored (a match anywhere in the value), like `grep`.
///
/// ```swift
/// let re = try LinearRegex("^api\\.(GET|POST) ", caseInsensitive: false)
/// re.matches("api.GET /users")   // true
/// ```
struct LinearRegex: Sendable {
    /// The largest compiled program, in instructions: matching costs at most this many steps per
    /// character of the value.
    static let maxProgramSize = 10_000
    /// The largest count in `{n,m}`.
    static let maxRepeat = 1_000

    /// Why a pattern cannot be compiled.
    struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, e.g. `lookahead (?= is not supported`.
        var message: String
        var description: String { message }
    }

    let program: [Instruction]
    let classes: [CharacterClass]
    let caseInsensitive: Bool

    /// Compiles `pattern`.
    ///
    /// - Throws: ``SyntaxError`` for a malformed or unsupported pattern, or one too large.
    init(_ pattern: String, caseInsensitive: Bool) throws(SyntaxError) {
        var parser = Parser(Array(pattern.unicodeScalars), caseInsensitive: caseInsensitive)
        let tree = try parser.parse()
        var compiler = Compiler(classes: parser.classes)
        try compiler.emit(tree)
        try compiler.append(.match)
        program = compiler.program
        classes = compiler.classes
        self.caseInsensitive = caseInsensitive
    }

    // MARK: - Program

    enum Instruction: Sendable, Equatable {
        case scalar(UInt32)
        case anyButNewline
        case inClass(Int)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case wordBoundary(Bool)
        case match
    }

    /// A bracket expression or a class escape: ranges of scalar values, possibly negated.
    struct CharacterClass: Sendable, Equatable {
        var ranges: [ClosedRange<UInt32>] = []
        var negated = false

        func contains(_ v: UInt32) -> Bool {
            var hit = false
            for r in ranges where r.contains(v) { hit = true; break }
            return hit != negated
        }
    }

    // MARK: - Matching

    /// Whether the pattern matches anywhere in `text`. Time O(text length × program size), memory
    /// O(program size).
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        let n = program.count
        var current = [Int](), next = [Int]()
        current.reserveCapacity(n)
        next.reserveCapacity(n)
        // The step at which each instruction was last added, so a state enters a list once.
        var mark = [Int](repeating: -1, count: n)
        var stack = [Int]()
        var generation = 0   // the position whose list is being built
        var matched = false

        func isWord(_ i: Int) -> Bool {
            guard i >= 0 && i < input.count else { return false }
            let v = input[i].value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        // Adds `pc` and every state reachable from it without reading a character at position `i`.
        func add(_ pc: Int, at i: Int, to list: inout [Int]) {
            stack.append(pc)
            while let p = stack.popLast() {
                if mark[p] == generation { continue }
                mark[p] = generation
                switch program[p] {
                case .jump(let x): stack.append(x)
                case .split(let x, let y):
                    stack.append(y)
                    stack.append(x)
                case .assertStart: if i == 0 { stack.append(p + 1) }
                case .assertEnd: if i == input.count { stack.append(p + 1) }
                case .wordBoundary(let wanted):
                    if (isWord(i - 1) != isWord(i)) == wanted { stack.append(p + 1) }
                case .match: matched = true
                default: list.append(p)
                }
            }
        }

        // Unanchored search: a new thread starts at every position.
        add(0, at: 0, to: &current)
        if matched { return true }
        var i = 0
        while i < input.count {
            generation += 1
            let c = input[i].value
            let folded = caseInsensitive ? LinearRegex.fold(c) : c
            for pc in current {
                let advance: Bool
                switch program[pc] {
                case .scalar(let v): advance = v == folded
                case .anyButNewline: advance = c != 0x0A
                case .inClass(let k):
                    let cls = classes[k]
                    advance = cls.contains(c) || (caseInsensitive && (cls.contains(folded) || cls.contains(LinearRegex.upper(c))))
                default: advance = false
                }
                if advance { add(pc + 1, at: i + 1, to: &next) }
            }
            add(0, at: i + 1, to: &next)
            if matched { return true }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
            i += 1
        }
        return false
    }

    /// The simple lower-case form of a scalar (one scalar to one scalar), for `i`.
    static func fold(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
        guard let u = Unicode.Scalar(v) else { return v }
        let lower = u.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : v
    }

    /// The simple upper-case form of a scalar, for classes under `i` (`[A-Z]` matching `a`).
    static func upper(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A ? v - 0x20 : v }
        guard let u = Unicode.Scalar(v) else { return v }
        let up = u.properties.uppercaseMapping.unicodeScalars
        return up.count == 1 ? up.first!.value : v
    }
}
