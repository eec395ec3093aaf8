/// How tables show numbers: durations with a unit that fits (`0.412 ms`, `12.3 ms`, `1.25 s`),
/// rates as percentages (`1.50%`), counts with thousands separators.
package enum UnitFormat {
    /// A duration given in nanoseconds.
    package static func duration(nanoseconds ns: Double) -> String {
        let ms = ns / 1_000_000
        if ms < 1 { return JSONWriter.fixed(ms, decimals: 3) + " ms" }
        if ms < 10 { return JSONWriter.fixed(ms, decimals: 2) + " ms" }
        if ms < 999.95 { return JSONWriter.fixed(ms, decimals: 1) + " ms" }
        let s = ms / 1000
        if s < 9.995 { return JSONWriter.fixed(s, decimals: 2) + " s" }
        if s < 99.95 { return JSONWriter.fixed(s, decimals: 1) + " s" }
        return JSONWriter.fixed(s, decimals: 0) + " s"
    }

    /// A fraction (0…1) as a percentage with two decimals.
    package static func percent(_ fraction: Double) -> String {
        JSONWriter.fixed(fraction * 100, decimals: 2) + "%"
    }

    /// A count with `,` between thousands.
    package static func count(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// A byte count in binary units (`512 B`, `1.5 KiB`, `235.0 MiB`).
    package static func bytes(_ n: UInt64) -> String {
        if n < 1024 { return "\(n) B" }
        var v = Double(n) / 1024
        for unit in ["KiB", "MiB", "GiB"] {
            if v < 1024 { return JSONWriter.fixed(v, decimals: 1) + " " + unit }
            v /= 1024
        }
        return JSONWriter.fixed(v, decimals: 1) + " TiB"
    }

    /// Milliseconds with three decimals, the JSON and CSV form of every duration.
    package static func milliseconds(nanoseconds ns: Double) -> String {
        JSONWriter.fixed(ns / 1_000_000, decimals: 3)
    }
}
