/// The multi-character SQL operators the fingerprinter keeps together.
enum SQLOperators {
    static let three: [(UInt8, UInt8, UInt8)] = [
        (0x2D, 0x3E, 0x3E),  // ->>
        (0x23, 0x3E, 0x3E),  // #>>
        (0x21, 0x7E, 0x2A),  // !~*
    ]
    static let two: [(UInt8, UInt8)] = [
        (0x3C, 0x3D), (0x3E, 0x3D), (0x3C, 0x3E), (0x21, 0x3D),  // <= >= <> !=
        (0x7C, 0x7C), (0x2D, 0x3E), (0x26, 0x26), (0x3C, 0x3C),  // || -> && <<
        (0x3E, 0x3E), (0x7E, 0x2A), (0x21, 0x7E), (0x40, 0x3E),  // >> ~* !~ @>
        (0x3C, 0x40), (0x3A, 0x3A), (0x3A, 0x3D), (0x3D, 0x3E),  // <@ :: := =>
        (0x23, 0x3E), (0x2A, 0x2A), (0x7E, 0x7E), (0x3C, 0x3D),  // #> ** ~~
    ]

    /// The length (1 to 3) of the operator starting at `p`, given `remaining` bytes.
    static func length(_ p: UnsafePointer<UInt8>, _ remaining: Int) -> Int {
        if remaining >= 3 {
            for t in three where p[0] == t.0 && p[1] == t.1 && p[2] == t.2 { return 3 }
        }
        if remaining >= 2 {
            for t in two where p[0] == t.0 && p[1] == t.1 { return 2 }
        }
        return 1
    }
}
