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
            for r in ranges where r.contains(v) {
                hit = true
                break
            }
            return hit != negated
        }
    }

    // MARK: - Matching

    /// Whether the pattern matches anywhere in `text`. Time O(text length × program size), memory
    /// O(program size), in one temporary allocation (on the stack for small programs).
    func matches(_ text: String) -> Bool {
        let n = program.count
        // Two state lists, the step each instruction was last added at (so a state enters a list
        // once per step), and the stack of `add` (a state pushes at most two).
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * n + 2) { buffer in
            let base = buffer.baseAddress!
            var current = base
            var next = base + n
            let mark = base + 2 * n
            let stack = base + 3 * n
            mark.initialize(repeating: -1, count: n)
            var currentCount = 0
            var nextCount = 0
            var step = 0
            var matched = false
            var scalars = text.unicodeScalars.makeIterator()
            var previous: Unicode.Scalar? = nil
            var here = scalars.next()

            // Adds `pc` and every state reachable from it without reading a character to `list`.
            func add(_ pc: Int, to list: UnsafeMutablePointer<Int>, count: inout Int) {
                var top = 0
                stack[top] = pc
                top += 1
                while top > 0 {
                    top -= 1
                    let p = stack[top]
                    if mark[p] == step { continue }
                    mark[p] = step
                    switch program[p] {
                    case .jump(let x):
                        stack[top] = x
                        top += 1
                    case .split(let x, let y):
                        stack[top] = y
                        stack[top + 1] = x
                        top += 2
                    case .assertStart:
                        if previous == nil {
                            stack[top] = p + 1
                            top += 1
                        }
                    case .assertEnd:
                        if here == nil {
                            stack[top] = p + 1
                            top += 1
                        }
                    case .wordBoundary(let wanted):
                        if (LinearRegex.isWord(previous) != LinearRegex.isWord(here)) == wanted {
                            stack[top] = p + 1
                            top += 1
                        }
                    case .match:
                        matched = true
                    default:
                        list[count] = p
                        count += 1
                    }
                }
            }

            // Unanchored search: a new thread starts at every position.
            add(0, to: current, count: &currentCount)
            while !matched, let c = here {
                step += 1
                previous = c
                here = scalars.next()
                let v = c.value
                let folded = caseInsensitive ? LinearRegex.fold(v) : v
                for k in 0..<currentCount {
                    let pc = current[k]
                    let advance: Bool
                    switch program[pc] {
                    case .scalar(let x): advance = x == folded
                    case .anyButNewline: advance = v != 0x0A
                    case .inClass(let i):
                        let cls = classes[i]
                        advance =
                            cls.contains(v)
                            || (caseInsensitive && (cls.contains(folded) || cls.contains(LinearRegex.upper(v))))
                    default: advance = false
                    }
                    if advance { add(pc + 1, to: next, count: &nextCount) }
                }
                add(0, to: next, count: &nextCount)
                swap(&current, &next)
                currentCount = nextCount
                nextCount = 0
            }
            return matched
        }
    }

    /// Whether `u` is a word character (`\w`: ASCII letters, digits, `_`); `nil` (an end) is not.
    static func isWord(_ u: Unicode.Scalar?) -> Bool {
        guard let v = u?.value else { return false }
        return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
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
